// Line icons for the sections of the main navigation; decorative, the label beside each one carries the meaning.
export type SectionName =
  | 'streams'
  | 'publisher'
  | 'inbox'
  | 'listening'
  | 'analytics'
  | 'academy'
  | 'settings';

const PATHS: Record<SectionName, string> = {
  streams: 'M4 5h4v14H4zM10 5h4v14h-4zM16 5h4v14h-4z',
  publisher: 'M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4',
  inbox: 'M4 13l2.5-8h11l2.5 8v6H4v-6zM4 13h5l1 2h4l1-2h5',
  listening: 'M12 4a3 3 0 0 1 3 3v5a3 3 0 0 1-6 0V7a3 3 0 0 1 3-3zM6 11a6 6 0 0 0 12 0M12 17v3',
  analytics: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  academy: 'M2 9l10-5 10 5-10 5L2 9zM6 11v5c3 2.5 9 2.5 12 0v-5',
  settings:
    'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM19 12l2-1.5-2-3.5-2.4.8a7 7 0 0 0-1.6-1L14.5 4h-5L9 6.8a7 7 0 0 0-1.6 1L5 7 3 10.5 5 12l-2 1.5L5 17l2.4-.8a7 7 0 0 0 1.6 1l.5 2.8h5l.5-2.8a7 7 0 0 0 1.6-1L19 17l2-3.5L19 12z',
};

export function NavIcon({ section }: { section: SectionName }) {
  return (
    <svg className="nav-icon" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={PATHS[section]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
