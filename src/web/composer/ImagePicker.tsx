// Images of a post: chosen with the file picker or dropped on the area, uploaded as soon as they are
// added, shown as thumbnails, each with its description (alt text) and a remove button.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { type DraftImage, MAX_IMAGES } from './composerDraft.ts';
import { mediaUrl } from './composerQueries.ts';

export interface UploadFailure {
  key: string;
  fileName: string;
  message: string;
}

const ACCEPTED = 'image/png,image/jpeg,image/gif,image/webp';

export function ImagePicker({
  workspaceId,
  images,
  failures,
  requireAltText,
  leftOut,
  error,
  onAdd,
  onAlt,
  onRemove,
  onDismissFailure,
}: {
  workspaceId: string;
  images: DraftImage[];
  failures: UploadFailure[];
  requireAltText: boolean;
  /** How many files of the last choice did not fit in the four places. */
  leftOut: number;
  /** The server's word on the images, e.g. a missing description. */
  error?: string;
  onAdd: (files: File[]) => void;
  onAlt: (key: string, alt: string) => void;
  onRemove: (key: string) => void;
  onDismissFailure: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const full = images.length >= MAX_IMAGES;

  const onDrop = (event: React.DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!full) onAdd([...event.dataTransfer.files]);
  };

  return (
    <section className="composer-images" aria-labelledby={`${id}-title`}>
      <h2 className="composer-section-title" id={`${id}-title`}>
        {t('composer.images.title')}
      </h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a mouse shortcut; the file input inside is the keyboard way. */}
      <div
        className={`composer-dropzone${dragging ? ' is-dragging' : ''}${full ? ' is-full' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!full) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="composer-dropzone"
      >
        <input
          id={`${id}-file`}
          className="composer-file-input"
          type="file"
          accept={ACCEPTED}
          multiple
          disabled={full}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            onAdd([...(event.target.files ?? [])]);
            // The same file can be chosen again after it was removed.
            event.target.value = '';
          }}
        />
        <label htmlFor={`${id}-file`} className="button button-secondary">
          {t('composer.images.add')}
        </label>
        <p className="field-hint" id={`${id}-hint`}>
          {full
            ? t('composer.images.full', { max: number(MAX_IMAGES) })
            : t('composer.images.hint', {
                max: number(MAX_IMAGES),
                left: number(MAX_IMAGES - images.length),
              })}
          {requireAltText && ` ${t('composer.images.altRequiredHint')}`}
        </p>
      </div>
      {leftOut > 0 && (
        <p className="alert alert-warning" role="status">
          {t('composer.images.leftOut', { count: leftOut, max: number(MAX_IMAGES) })}
        </p>
      )}
      {failures.map((failure) => (
        <div className="composer-upload-failure alert alert-error" role="alert" key={failure.key}>
          <span>{t('composer.images.failed', { file: failure.fileName, reason: failure.message })}</span>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => onDismissFailure(failure.key)}
          >
            {t('composer.images.dismiss')}
          </button>
        </div>
      ))}
      {error && <p className="field-error">{error}</p>}
      {images.length > 0 && (
        <ul className="composer-image-list">
          {images.map((image, index) => {
            const missing = requireAltText && image.alt.trim() === '';
            const altId = `${id}-alt-${image.key}`;
            return (
              <li key={image.key} className="composer-image" data-testid="composer-image">
                <div className="composer-thumb">
                  {image.mediaId ? (
                    <img src={mediaUrl(workspaceId, image.mediaId)} alt={image.alt} />
                  ) : (
                    <span className="composer-thumb-uploading" role="status">
                      <span className="spinner" aria-hidden="true" />
                      {t('composer.images.uploading')}
                    </span>
                  )}
                </div>
                <div className="composer-image-fields">
                  <div className="field">
                    <label htmlFor={altId}>
                      {t('composer.images.altLabel', { number: number(index + 1) })}
                      {requireAltText && (
                        <span className="composer-required"> {t('composer.images.required')}</span>
                      )}
                    </label>
                    <textarea
                      id={altId}
                      className="composer-alt"
                      rows={2}
                      value={image.alt}
                      maxLength={2000}
                      onChange={(event) => onAlt(image.key, event.target.value)}
                      aria-invalid={missing ? true : undefined}
                      aria-describedby={`${altId}-hint`}
                    />
                    <p className="field-hint" id={`${altId}-hint`}>
                      {t('composer.images.altHint', { file: image.fileName })}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => onRemove(image.key)}
                    aria-label={t('composer.images.removeNamed', { number: number(index + 1) })}
                  >
                    {t('composer.images.remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
