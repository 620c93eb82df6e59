import type { Flow, Struct } from './flow';
import type { Line, Span } from './lineLayout';

export interface Cell {
  spans: Span[];
  /** A header cell (TH) for its column or its row; otherwise a data cell (TD). */
  header?: 'Column' | 'Row';
  colSpan?: number;
  fill?: string;
}

export interface Table {
  /** Column widths in points. */
  columns: number[];
  /** The header row, repeated at the top of every page the table continues on. */
  header: Cell[];
  /** Rows in groups: a group (one agreement's fields) starts on a new page rather than being split, where it fits on one. */
  groups: Cell[][][];
  /** Drawn on a continuation page before the header row (the perspective's heading). */
  continued?: () => void;
}

const PAD = 4;
const BORDER = '#B0B0B0';
/** Fewer lines than this left on a page: the row starts on the next page instead of being split. */
const MIN_LINES = 2;

interface LaidCell extends Cell {
  x: number;
  width: number;
  lines: Line[];
  /** How many of its lines are drawn already. */
  next: number;
  element?: Struct;
}

/**
 * A table like the customer's form, tagged Table/TR/TH/TD. A row taller than the page left is
 * split between lines and continues on the next page, under the repeated header row, so a long
 * note is never cut off; the repeat is an artifact (a screen reader has read the header once).
 */
export function drawTable(flow: Flow, parent: Struct, table: Table): void {
  const element = flow.element(parent, 'Table');
  const header = laidRow(flow, table, table.header);
  const groups = table.groups.map((rows) => rows.map((row) => laidRow(flow, table, row)));
  const first = groups[0]?.[0];
  // The cells' borders on this page, stroked as one path when the table leaves the page.
  const borders: Border[] = [];
  const strokeBorders = () => {
    if (!borders.length) return;
    flow.artifact(() => {
      flow.doc.lineWidth(0.5);
      for (const [x, y, width, height] of borders.splice(0)) flow.doc.rect(x, y, width, height);
      flow.doc.stroke(BORDER);
    }, 'Layout');
  };
  flow.keep(heightOf(header) + (first ? Math.min(heightOf(first), firstLines(first)) : 0));
  drawRow(flow, element, header, borders);
  flow.repeating(
    () => {
      table.continued?.();
      drawRow(flow, undefined, laidRow(flow, table, table.header), borders);
    },
    strokeBorders,
    () => {
      for (const rows of groups) {
        const height = rows.reduce((sum, row) => sum + heightOf(row), 0);
        if (rows.length > 1 && height > flow.room() && height <= flow.pageRoom() - 2 * heightOf(header)) flow.newPage();
        for (const row of rows) drawRow(flow, element, row, borders);
      }
    }
  );
  strokeBorders();
  element.end();
}

type Border = [x: number, y: number, width: number, height: number];

function laidRow(flow: Flow, table: Table, cells: Cell[]): LaidCell[] {
  let column = 0;
  return cells.map((cell) => {
    const x = flow.left + table.columns.slice(0, column).reduce((sum, w) => sum + w, 0);
    const width = table.columns.slice(column, (column += cell.colSpan ?? 1)).reduce((sum, w) => sum + w, 0);
    return { ...cell, x, width, lines: flow.lines(cell.spans, width - 2 * PAD), next: 0 };
  });
}

const linesHeight = (lines: Line[]) => lines.reduce((sum, l) => sum + l.height, 0);
const heightOf = (row: LaidCell[]) => Math.max(...row.map((c) => linesHeight(c.lines))) + 2 * PAD;
const firstLines = (row: LaidCell[]) => Math.max(...row.map((c) => linesHeight(c.lines.slice(0, MIN_LINES)))) + 2 * PAD;

/** Draws a row, over as many pages as it needs; without a table element it is the repeated header, an artifact. */
function drawRow(flow: Flow, tableElement: Struct | undefined, row: LaidCell[], borders: Border[]): void {
  const tr = tableElement && flow.element(tableElement, 'TR');
  for (const cell of row) if (tr) cell.element = flow.element(tr, cell.header ? 'TH' : 'TD', cell.header ? { scope: cell.header } : {});
  while (row.some((c) => c.next < c.lines.length)) {
    const room = flow.room() - 2 * PAD;
    const left = row.map((c) => linesHeight(c.lines.slice(c.next)));
    if (Math.max(...left) > room && row.every((c) => c.next === 0) && firstLines(row) - 2 * PAD > room) {
      flow.newPage();
      continue;
    }
    const parts = row.map((c) => linesThatFit(c, room));
    const height = Math.max(...parts.map(linesHeight)) + 2 * PAD;
    const top = flow.y;
    const fills = new Set(row.map((c) => c.fill).filter((fill) => fill !== undefined));
    if (fills.size) {
      flow.artifact(() => {
        for (const fill of fills) flow.fill(fill, () => row.filter((c) => c.fill === fill).forEach((c) => flow.doc.rect(c.x, top, c.width, height)));
      }, 'Layout');
    }
    for (const cell of row) borders.push([cell.x, top, cell.width, height]);
    row.forEach((cell, i) => {
      const draw = () => {
        let y = top + PAD;
        for (const line of parts[i]) {
          flow.drawLine(line, cell.x + PAD, y);
          y += line.height;
        }
      };
      if (cell.element && parts[i].length) flow.into(cell.element, cell.header ? 'TH' : 'TD', draw);
      else if (parts[i].length) flow.artifact(draw, 'Pagination');
      cell.next += parts[i].length;
    });
    flow.y = top + height;
    if (row.some((c) => c.next < c.lines.length)) flow.newPage();
  }
  for (const cell of row) cell.element?.end();
  tr?.end();
}

function linesThatFit(cell: LaidCell, room: number): Line[] {
  const fit: Line[] = [];
  let used = 0;
  for (const line of cell.lines.slice(cell.next)) {
    if (used + line.height > room) break;
    fit.push(line);
    used += line.height;
  }
  return fit;
}
