// The app's routes and the gates in front of them: first-time setup, signed-out pages, and the signed-in workspace.
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { AcademyLayout } from '../academy/AcademyLayout.tsx';
import { CertificationsPage } from '../academy/certification/CertificationsPage.tsx';
import { ExamPage } from '../academy/certification/ExamPage.tsx';
import { VerifyPage } from '../academy/certification/VerifyPage.tsx';
import { CoachingPage } from '../academy/coaching/CoachingPage.tsx';
import { CourseEditorPage } from '../academy/courses/CourseEditorPage.tsx';
import { CoursePage } from '../academy/courses/CoursePage.tsx';
import { CoursesPage } from '../academy/courses/CoursesPage.tsx';
import { LessonPage } from '../academy/courses/LessonPage.tsx';
import { DemoRequestPage } from '../academy/demo/DemoRequestPage.tsx';
import { DemoRequestsPage } from '../academy/demo/DemoRequestsPage.tsx';
import { ResumePage } from '../academy/resume/ResumePage.tsx';
import { SkillsPage } from '../academy/skills/SkillsPage.tsx';
import type { Me } from '../api/apiTypes.ts';
import { useMe, useSetupStatus } from '../api/sessionQueries.ts';
import { ApprovalChainsPage } from '../approvals/ApprovalChainsPage.tsx';
import { ApprovalQueuePage } from '../approvals/ApprovalQueuePage.tsx';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { errorMessage } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { CrisisPage } from '../crisis/CrisisPage.tsx';
import { InboxPage } from '../inbox/InboxPage.tsx';
import { ListeningPage } from '../listening/ListeningPage.tsx';
import { ListsPage } from '../lists/ListsPage.tsx';
import { ListTemplatesPage } from '../lists/ListTemplatesPage.tsx';
import { AccountsPage } from '../pages/AccountsPage.tsx';
import { BulkImportPage } from '../pages/BulkImportPage.tsx';
import { ComposerPage } from '../pages/ComposerPage.tsx';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage.tsx';
import { InvitePage } from '../pages/InvitePage.tsx';
import { MembersPage } from '../pages/MembersPage.tsx';
import { NewWorkspacePage } from '../pages/NewWorkspacePage.tsx';
import { NotFoundPage, NotFoundPanel } from '../pages/NotFoundPage.tsx';
import { PlannerPage } from '../pages/PlannerPage.tsx';
import { ResetPasswordPage } from '../pages/ResetPasswordPage.tsx';
import { SectionNotYetAvailablePage } from '../pages/SectionNotYetAvailablePage.tsx';
import { SetupPage } from '../pages/SetupPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { SettingsLayout } from '../shell/SettingsLayout.tsx';
import { WorkspaceShell } from '../shell/WorkspaceShell.tsx';
import { StreamsPage } from '../streams/StreamsPage.tsx';
import { safeReturnPath, workspaceHome } from './homePath.ts';

export function App() {
  return (
    <Routes>
      <Route element={<SetupGate />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route element={<SignedOutOnly />}>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        </Route>
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        {/* Public: anyone may check a certificate or ask for a demo, signed in or not. */}
        <Route path="/verify/:code" element={<VerifyPage />} />
        <Route path="/demo" element={<DemoRequestPage />} />
        <Route path="/" element={<SignedIn render={(me) => <Navigate to={workspaceHome(me)} replace />} />} />
        <Route path="/workspaces/new" element={<SignedIn render={(me) => <NewWorkspacePage me={me} />} />} />
        <Route path="/w/:workspaceId" element={<SignedIn render={(me) => <WorkspaceShell me={me} />} />}>
          <Route index element={<Navigate to="streams" replace />} />
          <Route path="streams" element={<StreamsPage />} />
          <Route path="lists" element={<ListsPage />} />
          <Route path="lists/templates" element={<ListTemplatesPage />} />
          <Route path="publisher" element={<PlannerPage />} />
          <Route path="publisher/import" element={<BulkImportPage />} />
          <Route path="publisher/approvals" element={<ApprovalQueuePage />} />
          <Route path="compose" element={<ComposerPage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="listening" element={<ListeningPage />} />
          <Route path="listening/new" element={<ListeningPage view="new" />} />
          <Route path="listening/:queryId" element={<ListeningPage />} />
          <Route path="listening/:queryId/edit" element={<ListeningPage view="edit" />} />
          <Route path="analytics" element={<SectionNotYetAvailablePage section="analytics" />} />
          <Route path="academy" element={<AcademyLayout />}>
            <Route index element={<Navigate to="courses" replace />} />
            <Route path="courses" element={<CoursesPage />} />
            <Route path="courses/new" element={<CourseEditorPage />} />
            <Route path="courses/:courseId" element={<CoursePage />} />
            <Route path="courses/:courseId/edit" element={<CourseEditorPage />} />
            <Route path="courses/:courseId/lessons/:lessonId" element={<LessonPage />} />
            <Route path="certifications" element={<CertificationsPage />} />
            <Route path="certifications/:certificationId/exam" element={<ExamPage />} />
            <Route path="skills" element={<SkillsPage />} />
            <Route path="coaching" element={<CoachingPage />} />
            <Route path="resume" element={<ResumePage />} />
          </Route>
          <Route path="settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="members" replace />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="approvals" element={<ApprovalChainsPage />} />
            <Route path="crisis" element={<CrisisPage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="demo-requests" element={<DemoRequestsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPanel />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Until the first owner exists every address leads to setup; afterwards setup is closed. */
function SetupGate() {
  const setup = useSetupStatus();
  const location = useLocation();
  if (setup.isPending) return <LoadingScreen />;
  if (setup.isError) return <ServerUnreachable error={setup.error} onRetry={() => void setup.refetch()} />;
  const onSetup = location.pathname === '/setup';
  if (setup.data.needed && !onSetup) return <Navigate to="/setup" replace />;
  if (!setup.data.needed && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}

function SignedOutOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <LoadingScreen />;
  if (me.data) return <Navigate to={safeReturnPath(params.get('next')) ?? workspaceHome(me.data)} replace />;
  return <Outlet />;
}

function SignedIn({ render }: { render: (me: Me) => React.ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingScreen />;
  if (me.isError) return <ServerUnreachable error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next =
      location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  return render(me.data);
}

function ServerUnreachable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('errors.unavailableTitle')}>
      <p role="alert">{errorMessage(error, t)}</p>
      <button type="button" className="button button-primary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </AuthLayout>
  );
}
