import { Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { judgePassword, MIN_PASSWORD_SCORE, type PasswordVerdict } from '../../shared/password-strength.ts';

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/**
 * Under a new-password field: how easy the password is to guess and why, as the user types. The verdict is the
 * server's own rule (src/shared/password-strength.ts); its dictionaries load on the first keystroke only.
 */
export function PasswordStrength({
  password,
  email,
  name,
  fieldError,
}: {
  password: string;
  email?: string;
  name?: string;
  /** The field shows the server's refusal already: only the bar then, not the same words twice. */
  fieldError?: boolean;
}) {
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  useEffect(() => {
    if (!password) {
      setVerdict(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      judgePassword(password, { email, name }).then(
        (v) => current && setVerdict(v),
        () => current && setVerdict(null),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, email, name]);

  if (!password || !verdict) return null;
  const color = verdict.acceptable ? 'teal' : verdict.score >= MIN_PASSWORD_SCORE - 1 ? 'orange' : 'red';
  const label = verdict.acceptable ? LABELS[verdict.score] : (verdict.problem ?? LABELS[verdict.score]);
  return (
    <Stack gap={4}>
      <Progress
        value={((verdict.score + 1) / 5) * 100}
        color={color}
        size="sm"
        aria-label="Strength of the new password"
        aria-valuetext={LABELS[verdict.score]}
      />
      {!fieldError && (
        <Text size="xs" c={color} aria-live="polite">
          {verdict.acceptable ? `${label}.` : `${LABELS[verdict.score]}: ${label}`}
          {verdict.suggestions.length > 0 && ` ${verdict.suggestions.join(' ')}`}
        </Text>
      )}
    </Stack>
  );
}
