import { actionDueJob } from './actions/remind-action.ts';
import type { Deps } from './core/deps.ts';
import type { JobDefinition } from './core/jobs/jobs.ts';
import { deadlineDueJob, deadlineReminderJob } from './deadlines/deadline-jobs.ts';
import { deliverNotificationJob, noAckNotificationJob, reconsiderNotificationJob } from './notifications/deliver-notification.ts';
import { firstCustomerReportJob } from './notifications/first-customer-report.ts';
import { taskDueJob } from './tasks/remind-task.ts';
import { attachGroupJob, openGroupJob } from './triage/triage-jobs.ts';

/** Every kind of durable job this server works, by explicit import (like the routes in app.ts). */
export function jobDefinitions(deps: Deps): JobDefinition[] {
  return [
    deliverNotificationJob(deps),
    noAckNotificationJob(deps),
    reconsiderNotificationJob(deps),
    deadlineReminderJob(deps),
    deadlineDueJob(deps),
    firstCustomerReportJob(deps),
    taskDueJob(deps),
    actionDueJob(deps),
    openGroupJob(deps),
    attachGroupJob(deps),
  ];
}
