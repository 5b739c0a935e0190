// A small line of a query's mentions per hour, drawn beside the number it stands for (so it is hidden
// from screen readers, which read the number).
import { sparklinePath } from './timeRange.ts';

const WIDTH = 96;
const HEIGHT = 24;

export function Sparkline({ values }: { values: number[] }) {
  const path = sparklinePath(values, WIDTH, HEIGHT - 2);
  return (
    <svg
      className="listening-sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 -1 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      {path && <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />}
    </svg>
  );
}
