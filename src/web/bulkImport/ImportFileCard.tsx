// Step 1 of the import page: choose or drop the CSV file (read here, in the browser), download an
// example, and see which columns Kolorob reads.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exampleCsv } from './exampleCsv.ts';
import type { DateFormat } from './importApi.ts';
import { MAX_REQUEST_BYTES } from './importApi.ts';
import { useImportFormat } from './importFormat.ts';
import { readCsvFile } from './readCsvFile.ts';

export interface ChosenFile {
  name: string;
  size: number;
  text: string;
  legacyEncoding: boolean;
}

export function ImportFileCard({
  file,
  onFile,
  dateFormat,
  timeZone,
  exampleHandle,
}: {
  file: ChosenFile | undefined;
  onFile: (file: ChosenFile | undefined) => void;
  dateFormat: DateFormat;
  timeZone: string;
  exampleHandle: string | undefined;
}) {
  const { t } = useTranslation();
  const { number } = useImportFormat(timeZone);
  const [error, setError] = useState<string | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const headingId = useId();
  const size = (bytes: number) =>
    t('bulkImport.file.size', { kb: number(Math.max(1, Math.ceil(bytes / 1024))) });

  const take = async (chosen: File | undefined) => {
    setError(undefined);
    if (!chosen) return;
    if (!/\.(csv|txt)$/i.test(chosen.name) && !/csv|text\/plain/.test(chosen.type)) {
      onFile(undefined);
      setError(t('bulkImport.file.notCsv'));
      return;
    }
    if (chosen.size > MAX_REQUEST_BYTES) {
      onFile(undefined);
      setError(t('bulkImport.file.tooLarge', { size: size(chosen.size), max: size(MAX_REQUEST_BYTES) }));
      return;
    }
    try {
      const read = await readCsvFile(chosen);
      onFile({ name: chosen.name, size: chosen.size, ...read });
    } catch {
      onFile(undefined);
      setError(t('bulkImport.file.unreadable'));
    }
  };

  const downloadExample = () => {
    const csv = exampleCsv({
      dateFormat,
      timeZone,
      handle: exampleHandle,
      messages: [
        t('bulkImport.example.message1'),
        t('bulkImport.example.message2'),
        t('bulkImport.example.message3'),
      ],
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'kolorob-import-example.csv';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="card import-card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{t('bulkImport.file.title')}</h2>
        <button type="button" className="button button-ghost button-small" onClick={downloadExample}>
          {t('bulkImport.file.example')}
        </button>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a mouse shortcut; the file input inside is the keyboard way. */}
      <div
        className={`import-drop${dragging ? ' import-drop-active' : ''}`}
        data-testid="import-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void take(event.dataTransfer.files[0]);
        }}
      >
        <input
          id={inputId}
          className="import-file-input"
          type="file"
          accept=".csv,text/csv"
          data-testid="import-file"
          onChange={(event) => {
            void take(event.target.files?.[0]);
            // Choosing the same file again, after fixing it, must read it again.
            event.target.value = '';
          }}
        />
        <label htmlFor={inputId} className="button button-secondary">
          {t('bulkImport.file.choose')}
        </label>
        <span className="muted">{t('bulkImport.file.drop')}</span>
        {file && (
          <p className="import-chosen" data-testid="import-chosen">
            {t('bulkImport.file.chosen', { name: file.name, size: size(file.size) })}
          </p>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {file?.legacyEncoding && <p className="alert alert-warning">{t('bulkImport.file.legacyEncoding')}</p>}
      <details className="import-columns">
        <summary>{t('bulkImport.file.columnsTitle')}</summary>
        <p>{t('bulkImport.file.columnsIntro')}</p>
        <ol>
          <li>{t('bulkImport.file.columns.date')}</li>
          <li>{t('bulkImport.file.columns.message')}</li>
          <li>{t('bulkImport.file.columns.link')}</li>
          <li>{t('bulkImport.file.columns.accounts')}</li>
          <li>{t('bulkImport.file.columns.image')}</li>
          <li>{t('bulkImport.file.columns.alt')}</li>
        </ol>
        <p>{t('bulkImport.file.columnsHeader')}</p>
      </details>
    </section>
  );
}
