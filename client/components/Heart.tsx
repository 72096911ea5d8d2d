/** The festival's heart, as an inline SVG (no image request). */
export function Heart({ className = '', title }: { className?: string; title?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 29" role={title ? 'img' : undefined} aria-hidden={title ? undefined : true}>
      {title ? <title>{title}</title> : null}
      <path fill="currentColor" d="M16 28.6 13.7 26.5C5.6 19.2.3 14.4.3 8.5.3 3.7 4 0 8.8 0c2.7 0 5.3 1.3 7.2 3.3C17.9 1.3 20.5 0 23.2 0 28 0 31.7 3.7 31.7 8.5c0 5.9-5.3 10.7-13.4 18z" />
    </svg>
  );
}
