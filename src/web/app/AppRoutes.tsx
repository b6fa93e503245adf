import { Route, Routes } from 'react-router';
import { DeadJobsPage } from '../admin/DeadJobsPage.tsx';
import { IntakeSettingsPage } from '../admin/IntakeSettingsPage.tsx';
import { AlertsAdminPage } from '../alerts/AlertsAdminPage.tsx';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';
import { CustomerListPage } from '../customers/CustomerListPage.tsx';
import { CustomerPage } from '../customers/CustomerPage.tsx';
import { OrganisationPage } from '../customers/OrganisationPage.tsx';
import { DashboardPage } from '../dashboard/DashboardPage.tsx';
import { DeadlinesPage } from '../deadlines/DeadlinesPage.tsx';
import { IncidentListPage } from '../incidents/IncidentListPage.tsx';
import { IncidentPage } from '../incidents/IncidentPage.tsx';
import { ReportIncidentPage } from '../incidents/ReportIncidentPage.tsx';
import { PlanComparePage } from '../plans/PlanComparePage.tsx';
import { PlanVersionPage } from '../plans/PlanVersionPage.tsx';
import { PlaybookEditorPage } from '../playbooks/PlaybookEditorPage.tsx';
import { TriagePage } from '../triage/TriagePage.tsx';
import { AcceptInvitationPage } from '../users/AcceptInvitationPage.tsx';
import { AccountPage } from '../users/AccountPage.tsx';
import { UsersPage } from '../users/UsersPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAuth } from './RequireAuth.tsx';

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
