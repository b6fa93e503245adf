import { Route, Routes } from 'react-router';
import { LoginPage } from '../auth/LoginPage.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';
import { IncidentListPage } from '../incidents/IncidentListPage.tsx';
import { IncidentPage } from '../incidents/IncidentPage.tsx';
import { ReportIncidentPage } from '../incidents/ReportIncidentPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireAuth } from './RequireAuth.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<IncidentListPage />} />
          <Route path="/incidents/new" element={<ReportIncidentPage />} />
          <Route path="/incidents/:key" element={<IncidentPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
