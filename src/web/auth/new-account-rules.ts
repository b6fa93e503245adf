import { MIN_PASSWORD_LENGTH } from '../../shared/password-strength.ts';

/** The form checks of a new account's name and password (first admin, invitation): the server checks strength. */
export const NEW_ACCOUNT_RULES = {
  name: (v: string) => (v.trim() ? null : 'Enter your name, as colleagues will see it on the timeline'),
  password: (v: string) => (v.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters`),
  confirm: (v: string, values: { password: string }) => (v === values.password ? null : 'The passwords do not match'),
};
