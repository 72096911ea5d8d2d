/** A progress bar: the fill is scaled on the compositor (transform), so a change never relayouts. */
export function Bar({ value, max, className = '' }: { value: number; max: number; className?: string }) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className={`bar ${className}`} role="presentation" data-ratio={ratio.toFixed(4)}>
      <div className="bar__fill" style={{ transform: `scaleX(${ratio})` }} />
    </div>
  );
}
