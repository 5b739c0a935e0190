// The frame of the signed-out pages: Kolorob's mark, the language switch and one centred card.
import { BrandMark } from './BrandMark.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface AuthLayoutProps {
  title: string;
  intro?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
  wide?: boolean;
}

export function AuthLayout({ title, intro, children, footer, wide }: AuthLayoutProps) {
  return (
    <div className="auth-page">
      <header className="auth-header">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main className={wide ? 'auth-main auth-main-wide' : 'auth-main'}>
        <div className="card auth-card">
          <h1>{title}</h1>
          {intro && <div className="auth-intro">{intro}</div>}
          {children}
        </div>
        {footer && <div className="auth-footer">{footer}</div>}
      </main>
    </div>
  );
}
