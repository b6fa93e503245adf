import { notifications } from '@mantine/notifications';
import { errorMessage } from './error-message.ts';

/** Shows why an action failed, e.g. a 409 from a lifecycle rule. */
export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 3500 });
}
