/**
 * Remembering the window's size and position, and putting it back somewhere the user can see it: a laptop
 * that was last used with an external monitor must not reopen its window off screen.
 */
import { z } from 'zod';

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState extends Rectangle {
  readonly maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 860 } as const;
export const MIN_SIZE = { width: 720, height: 520 } as const;
/** How much of the title bar must be on a display for the saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 40 } as const;

const int = z.number().int().min(-100_000).max(100_000);
const savedStateSchema = z.object({
  x: int,
  y: int,
  width: int.min(1),
  height: int.min(1),
  maximized: z.boolean().optional(),
});

/** Parses what was saved (a file on disk: anything may be there); null when unusable. */
export function parseSavedWindowState(value: unknown): WindowState | null {
  const parsed = savedStateSchema.safeParse(value);
  return parsed.success ? { ...parsed.data, maximized: parsed.data.maximized ?? false } : null;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centred(size: { width: number; height: number }, area: Rectangle): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window. `workAreas` are the displays' work areas (without task bar or dock), the
 * primary first. The saved bounds are kept when the top strip of the window (where the title bar is) is
 * visible on some display; the size is then shrunk to fit that display and the window moved fully onto it.
 * Otherwise the window opens centred on the primary display, at the saved size if that fits.
 */
export function clampWindowState(saved: WindowState | null, workAreas: readonly Rectangle[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  if (saved === null) return { ...centred(DEFAULT_SIZE, primary), maximized: false };
  const size = { width: Math.max(saved.width, MIN_SIZE.width), height: Math.max(saved.height, MIN_SIZE.height) };
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width: size.width, height: MIN_VISIBLE.height };
  const home = workAreas.find((area) => {
    const seen = overlap(titleBar, area);
    return seen.width >= MIN_VISIBLE.width && seen.height >= MIN_VISIBLE.height;
  });
  if (home === undefined) return { ...centred(size, primary), maximized: saved.maximized };
  const width = Math.min(size.width, home.width);
  const height = Math.min(size.height, home.height);
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}
