import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Navigate, RouterProvider, createBrowserRouter, useNavigate, useLocation, Outlet } from 'react-router';
import { ApiError, whenSignedOut } from '../api/client';
import { currentSession } from '../auth/session';
import { SignInPage } from '../auth/sign-in-page';
import { SignInCompletePage } from '../auth/sign-in-complete-page';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { Shell, homeFor } from './shell';
import { WorklistPage } from '../screens/officer/worklist';
import { VacancyPage } from '../screens/officer/vacancy';
import { ApprovalsPage } from '../screens/officer/approvals';
import { OfferLetterPage } from '../screens/officer/offer-letter';
import { SanctionsPage } from '../screens/officer/sanctions';
import { FileObjectionPage, ObjectionPage, ObjectionsPage } from '../screens/officer/objections';
import { NotFoundPage } from './not-found';
import { AuditLogPage } from '../screens/auditor/audit-log';
import { SimulationStudioPage } from '../screens/manager/simulation-studio';
import { ComplexesPage } from '../screens/manager/complexes';
import { ProposalAuditPage } from '../screens/auditor/proposal-audit';
import { PoliciesPage } from '../screens/manager/policies';
import { PolicyFormPage } from '../screens/manager/policy-form';
import { RoundsPage } from '../screens/rounds/rounds';
import { RoundPage } from '../screens/rounds/round';
import { ReportsPage } from '../screens/manager/reports';
import { AccountabilityPage } from '../screens/manager/accountability';
import { ImportsPage } from '../screens/admin/imports';
import { PrioritiesPage } from '../screens/manager/priorities';
import { NeighbourhoodDossierPage } from '../screens/resilience/dossier';
import { ProgrammesPage } from '../screens/resilience/programmes';
import { ProgrammePage } from '../screens/resilience/programme';

const queryClient = new QueryClient({
  defaultOptions: {
    // an answer the API refused is not retried: the user reads why
    queries: { retry: (count, error) => !(error instanceof ApiError && error.code !== 'NETWORK') && count < 2, staleTime: 5_000 },
  },
});

/** Signed-in pages: without a session, to sign-in, remembering where the user was going. */
function RequireSession() {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    whenSignedOut((reason) => {
      queryClient.clear();
      void navigate(`/sign-in?reason=${reason}&next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    });
  }, [navigate, location]);
  if (!currentSession()) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

function Home() {
  return <Navigate to={homeFor(currentSession())} replace />;
}

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-in/complete', element: <SignInCompletePage /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/worklist', element: <WorklistPage /> },
      { path: '/vacancies/:id', element: <VacancyPage /> },
      { path: '/approvals', element: <ApprovalsPage /> },
      { path: '/aanbiedingen/:offerId/brief', element: <OfferLetterPage /> },
      { path: '/sanctions', element: <SanctionsPage /> },
      { path: '/objections', element: <ObjectionsPage /> },
      { path: '/objections/new', element: <FileObjectionPage /> },
      { path: '/objections/:id', element: <ObjectionPage /> },
      { path: '/audit', element: <AuditLogPage /> },
      { path: '/simulations', element: <SimulationStudioPage /> },
      { path: '/complexes', element: <ComplexesPage /> },
      { path: '/proposals/:id', element: <ProposalAuditPage /> },
      { path: '/policies', element: <PoliciesPage /> },
      { path: '/policies/:kind/new', element: <PolicyFormPage /> },
      { path: '/rounds', element: <RoundsPage /> },
      { path: '/rounds/:id', element: <RoundPage /> },
      { path: '/reports', element: <ReportsPage /> },
      { path: '/verantwoording', element: <AccountabilityPage /> },
      { path: '/imports', element: <ImportsPage /> },
      { path: '/priorities', element: <PrioritiesPage /> },
      { path: '/buurten/:buurtCode/dossier', element: <NeighbourhoodDossierPage /> },
      { path: '/programmes', element: <ProgrammesPage /> },
      { path: '/programmes/:id', element: <ProgrammePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** Another language: the service's sentences are fetched again in it (the API answers in the reader's language). */
function RefetchOnLanguage() {
  const { language } = useI18n();
  const client = useQueryClient();
  const shown = useRef(language);
  useEffect(() => {
    if (shown.current === language) return;
    shown.current = language;
    void client.invalidateQueries();
  }, [language, client]);
  return null;
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RefetchOnLanguage />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}
