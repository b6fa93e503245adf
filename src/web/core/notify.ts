import { notifications } from '@mantine/notifications';
import { errorMessage } from './error-message.ts';

/** Shows why an action failed, e.g. a 409 from a lifecycle rule. */
export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

/** A short confirmation; one that offers a link (to what was just made) stays long enough to be followed. */
export function notifySuccess(message: React.ReactNode, title?: string, options: { withLink?: boolean } = {}): void {
  notifications.show({ color: 'teal', title, message, autoClose: options.withLink ? 10_000 : 3500 });
}
