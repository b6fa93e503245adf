import type { ConnectionCheckAnswer } from '../../shared/connection-check-types.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { acknowledgeThroughLink, linkAnswerer } from '../customer-links/link-answerer.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { CheckAnswers } from './check-form.ts';
import { type ConnectionCheckRow, findCheck, recordAnswers } from './connection-checks.queries.ts';
import { checkConnections, checkStatus } from './connection-checks.views.ts';

/**
 * Records the customer's answers through the check's link, once: the connection_check.answered event (the customer
 * is its actor) and the answers on the check commit together. A check answered or expired meanwhile is refused
 * (409) and keeps what it had. Answering through the link also acknowledges the message that carried it, so its
 * ladder stops walking.
 */
export async function answerConnectionCheck(deps: Deps, checkId: string, input: CheckAnswers): Promise<ConnectionCheckRow> {
  const { db, dialect } = deps.database;
  const head = await findCheck(db, dialect, checkId);
  if (!head) throw new AppError('not_found', `No connection check ${checkId}`);
  const answerer = await linkAnswerer(deps, head.notification_id, input.name, 'check');
  let answers: Record<string, ConnectionCheckAnswer> = {};
  await appendToIncident(deps, answerer.actor, head.incident_id, {
    async decide(tx, _incident, now) {
      const check = await findCheck(tx, dialect, checkId, true);
      const status = check ? checkStatus(check, now) : 'expired';
      if (!check || status === 'answered') throw new AppError('conflict', 'These connections were already answered');
      if (status === 'expired') throw new AppError('conflict', 'The link of this connection check has expired');
      const at = now.toISOString();
      answers = Object.fromEntries(
        input.answers.map((a) => [a.connectionId, { status: a.status, note: a.note, answeredAt: at }]),
      );
      const connections = checkConnections(check);
      return [
        {
          type: 'connection_check.answered',
          data: {
            checkId,
            notificationId: check.notification_id,
            by: input.name,
            answers: input.answers.map((a) => {
              const c = connections.find((x) => x.connectionId === a.connectionId);
              return { ...a, serviceName: c?.serviceName ?? '', target: c?.target ?? '' };
            }),
          },
        },
      ];
    },
    async alongside(tx, _next, _events, now) {
      const set = { answers: JSON.stringify(answers), answered_at: now.toISOString(), answered_by: input.name };
      if (!(await recordAnswers(tx, checkId, set))) throw new AppError('conflict', 'These connections were already answered');
    },
  });
  await acknowledgeThroughLink(deps, answerer, head.notification_id, { checkId });
  return (await findCheck(db, dialect, checkId)) as ConnectionCheckRow;
}
