import { hash, verify } from '@node-rs/argon2';
import { describeVerdict, judgePassword } from '../../shared/password-strength.ts';
import { AppError } from '../core/errors.ts';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1), OWASP's recommended minimum.
export const hashPassword = (password: string): Promise<string> => hash(password);

let dummyHash: Promise<string> | null = null;

/** Verifies a password; with no stored hash it still spends the same time, so timing reveals no account. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('not-a-real-password-but-the-same-cost');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** Refuses, with 400 naming the field and saying why in words, a password that is short or easy to guess. */
export async function assertStrongPassword(
  password: string,
  person: { email: string; name: string },
  field = 'password',
): Promise<void> {
  const verdict = await judgePassword(password, person);
  if (!verdict.acceptable) throw new AppError('invalid', `This password is too weak: ${describeVerdict(verdict)}`, field);
}
