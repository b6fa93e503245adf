import { Badge, Text } from '@mantine/core';
import type { InstructionAnswer } from '../../shared/notification-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { DECISION_STYLE } from '../notifications/notification-labels.ts';

/** The customer's answer on a playbook step: decision, who answered and when (in the user's zone on hover), their words. */
export function StepAnswer({ answer }: { answer: InstructionAnswer }) {
  const style = DECISION_STYLE[answer.decision];
  return (
    <Text size="xs" component="div" data-answer={answer.decision}>
      <Badge size="xs" color={style.color} mr={4}>
        {style.label}
      </Badge>
      by {answer.by}, <RelativeTime value={answer.at} span />
      {answer.text && (
        <Text
          size="xs"
          mt={2}
          pl="xs"
          style={{ whiteSpace: 'pre-wrap', borderLeft: `2px solid var(--mantine-color-${style.color}-4)` }}
        >
          {answer.text}
        </Text>
      )}
    </Text>
  );
}
