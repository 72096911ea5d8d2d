/**
 * Digits in boxes of one width, for numbers that change in place every second (a clock): Be
 * Vietnam Pro has no tabular figures (`font-variant-numeric: tabular-nums` does nothing in it;
 * its "1" is much narrower than its "0"), so without this the clock would shift each second.
 * The text is unchanged (textContent, screen readers); the boxes are `.tnum` (styles/base.css).
 */
import { Fragment } from 'react';

export function TabularDigits({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\d)/).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="tnum">
            {part}
          </span>
        ) : part ? (
          <Fragment key={i}>{part}</Fragment>
        ) : null,
      )}
    </>
  );
}
