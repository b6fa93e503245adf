import { type ComponentType, lazy } from 'react';
import { Route, Routes } from 'react-router';
import { LoginPage } from '../auth/LoginPage.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';
import { AcceptInvitationPage } from '../users/AcceptInvitationPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAuth } from './RequireAuth.tsx';

/** A page fetched the first time it is opened (AppLayout shows a loader meanwhile). */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

// Each signed-in page is a chunk of its own, so the first load carries the shell and the sign-in page only (see
// docs/performance.md, "First load"); the sign-in and setup pages come with the shell.
const MyActionsPage = lazyPage(() => import('../actions/MyActionsPage.tsx'), 'MyActionsPage');
const DeadJobsPage = lazyPage(() => import('../admin/DeadJobsPage.tsx'), 'DeadJobsPage');
const IntakeSettingsPage = lazyPage(() => import('../admin/IntakeSettingsPage.tsx'), 'IntakeSettingsPage');
const AlertsAdminPage = lazyPage(() => import('../alerts/AlertsAdminPage.tsx'), 'AlertsAdminPage');
const ChangePasswordPage = lazyPage(() => import('../auth/ChangePasswordPage.tsx'), 'ChangePasswordPage');
const CustomerListPage = lazyPage(() => import('../customers/CustomerListPage.tsx'), 'CustomerListPage');
const CustomerPage = lazyPage(() => import('../customers/CustomerPage.tsx'), 'CustomerPage');
const OrganisationPage = lazyPage(() => import('../customers/OrganisationPage.tsx'), 'OrganisationPage');
const DashboardPage = lazyPage(() => import('../dashboard/DashboardPage.tsx'), 'DashboardPage');
const DeadlinesPage = lazyPage(() => import('../deadlines/DeadlinesPage.tsx'), 'DeadlinesPage');
const IncidentListPage = lazyPage(() => import('../incidents/IncidentListPage.tsx'), 'IncidentListPage');
const IncidentPage = lazyPage(() => import('../incidents/IncidentPage.tsx'), 'IncidentPage');
const ReportIncidentPage = lazyPage(() => import('../incidents/ReportIncidentPage.tsx'), 'ReportIncidentPage');
const PlanComparePage = lazyPage(() => import('../plans/PlanComparePage.tsx'), 'PlanComparePage');
const PlanVersionPage = lazyPage(() => import('../plans/PlanVersionPage.tsx'), 'PlanVersionPage');
const PlaybookEditorPage = lazyPage(() => import('../playbooks/PlaybookEditorPage.tsx'), 'PlaybookEditorPage');
const MetricsPage = lazyPage(() => import('../metrics/MetricsPage.tsx'), 'MetricsPage');
const MyTasksPage = lazyPage(() => import('../tasks/MyTasksPage.tsx'), 'MyTasksPage');
const TriagePage = lazyPage(() => import('../triage/TriagePage.tsx'), 'TriagePage');
const AccountPage = lazyPage(() => import('../users/AccountPage.tsx'), 'AccountPage');
const UsersPage = lazyPage(() => import('../users/UsersPage.tsx'), 'UsersPage');

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invitations/:token" element={<AcceptInvitationPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<IncidentListPage />} />
          <Route path="/incidents/new" element={<ReportIncidentPage />} />
          <Route path="/incidents/:key" element={<IncidentPage />} />
          <Route path="/customers" element={<CustomerListPage />} />
          <Route path="/customers/:id" element={<CustomerPage />} />
          <Route path="/organisation" element={<OrganisationPage />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/deadlines" element={<DeadlinesPage />} />
          <Route path="/metrics/incidents" element={<MetricsPage />} />
          <Route path="/tasks" element={<MyTasksPage />} />
          <Route path="/actions" element={<MyActionsPage />} />
          <Route path="/triage" element={<TriagePage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/account/password" element={<ChangePasswordPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/admin/alerts" element={<AlertsAdminPage />} />
          <Route path="/admin/jobs" element={<DeadJobsPage />} />
          <Route path="/admin/intake" element={<IntakeSettingsPage />} />
          <Route path="/playbooks/:id" element={<PlaybookEditorPage />} />
          <Route path="/plans/:id" element={<PlanVersionPage />} />
          <Route path="/plans/:id/compare/:otherId" element={<PlanComparePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
