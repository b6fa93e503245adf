import { DDOS } from './library/ddos.ts';
import { ENDPOINT_MALWARE } from './library/endpoint-malware.ts';
import { INSIDER } from './library/insider-policy-violation.ts';
import { LOST_DEVICE } from './library/lost-stolen-device.ts';
import { PERSONAL_DATA_BREACH } from './library/personal-data-breach.ts';
import { PHISHING } from './library/phishing-credential-theft.ts';
import { RANSOMWARE } from './library/ransomware.ts';
import { TECHNICAL_FAILURE } from './library/technical-failure.ts';
import { UNINTENTIONAL_ERROR } from './library/unintentional-error.ts';
import { VULNERABILITY_REPORT } from './library/vulnerability-report.ts';
import { WEBSITE_DEFACEMENT } from './library/website-defacement.ts';
import type { Playbook } from './playbook.ts';

// The built-in playbooks. Customers copy and adapt them into their contingency plans; a review that changes a
// playbook produces a new version. Steps follow the sources: report attacks to the customer immediately, secure
// information and evidence before changing anything, and wait for the customer's instruction before acting on
// their systems (needsCustomerInstruction). Coordination assumes e-mail and chat may be compromised (PACE).

// One file per playbook in library/.

export const PLAYBOOK_LIBRARY: readonly Playbook[] = [
  RANSOMWARE,
  PHISHING,
  PERSONAL_DATA_BREACH,
  DDOS,
  WEBSITE_DEFACEMENT,
  ENDPOINT_MALWARE,
  INSIDER,
  LOST_DEVICE,
  VULNERABILITY_REPORT,
  TECHNICAL_FAILURE,
  UNINTENTIONAL_ERROR,
];
