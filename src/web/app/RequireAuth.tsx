import { Center, Container, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/auth-api.ts';
import { ErrorState } from '../core/ErrorState.tsx';

/** Renders the signed-in part of the app, or sends the visitor to /login (which also handles first setup). */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Muster" />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorState title="Cannot load Muster" error={me.error} onRetry={() => me.refetch()} retrying={me.isFetching} />
      </Container>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    const target = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
