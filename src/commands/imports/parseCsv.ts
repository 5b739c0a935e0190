// Reads CSV text as RFC 4180 describes it, and as spreadsheets write it in practice: fields in double
// quotes may hold commas, line breaks and doubled quotes; lines end in CRLF, LF or CR; a byte-order mark
// at the start is dropped. Each record keeps the line it started on, so problems can name the row a
// person sees in their spreadsheet.

export interface CsvRecord {
  /** The line of the file the record starts on, from 1. */
  line: number;
  fields: string[];
}

/** Why the text is not CSV, with the line the problem starts on. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * The records of the text, leaving out lines that are entirely empty. Throws CsvSyntaxError for a
 * quoted field that is never closed.
 */
export function parseCsv(input: string, delimiter = ','): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  // Whether the current record has any content yet: a blank line is no record.
  let started = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (started || fields.length > 1) records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };

  while (i < text.length) {
    const char = text[i]!;
    // A quote opens a quoted field only at the start of a field; elsewhere it is an ordinary character.
    if (char === '"' && field === '') {
      // A quoted field: runs to the next quote that is not doubled.
      const openedOn = line;
      started = true;
      i += 1;
      for (;;) {
        if (i >= text.length) {
          throw new CsvSyntaxError(
            `The quoted field that starts on line ${openedOn} is never closed; check its double quotes.`,
            openedOn,
          );
        }
        const inner = text[i]!;
        if (inner === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (inner === '\r' || inner === '\n') {
          // Line breaks inside quotes are kept as LF, whichever way the file ends its lines.
          if (inner === '\r' && text[i + 1] === '\n') i += 1;
          field += '\n';
          line += 1;
        } else {
          field += inner;
        }
        i += 1;
      }
      // Spreadsheets never write text between a closing quote and the delimiter; keep it rather than lose it.
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
        field += text[i];
        i += 1;
      }
      continue;
    }
    if (char === delimiter) {
      started = true;
      endField();
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      i += 1;
      line += 1;
      recordLine = line;
      continue;
    }
    started = true;
    field += char;
    i += 1;
  }
  if (started || field !== '' || fields.length > 0) endRecord();
  return records;
}
