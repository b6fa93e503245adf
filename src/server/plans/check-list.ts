import type { ConnectionToCheck } from '../../shared/connection-check-types.ts';
import type { Service } from '../../shared/prepare-types.ts';

/**
 * "Check these": the connections of the incident's affected services, in the services' order, each with the service
 * it belongs to. Ids typed by hand may repeat across services; each keeps a unique connectionId here (a suffix on the
 * later ones), so that an answer names one connection.
 */
export function connectionsToCheck(services: Service[], affectedIds: readonly string[]): ConnectionToCheck[] {
  const seen = new Set<string>();
  const list: ConnectionToCheck[] = [];
  for (const service of services.filter((s) => affectedIds.includes(s.id))) {
    for (const c of service.connections) {
      let connectionId = c.id;
      for (let n = 2; seen.has(connectionId); n++) connectionId = `${c.id}~${n}`;
      seen.add(connectionId);
      list.push({
        serviceId: service.id,
        serviceName: service.name,
        connectionId,
        target: c.target,
        direction: c.direction,
        protocol: c.protocol,
        account: c.account,
        purpose: c.purpose,
      });
    }
  }
  return list;
}

/** The list as lines of a message: "- Payroll → sap.nordlys.internal (outbound, HTTPS/443, account svc-pay) — Salaries". */
export function checkListLines(connections: ConnectionToCheck[]): string[] {
  return connections.map((c) => {
    const how = [c.direction, c.protocol, c.account && `account ${c.account}`].filter(Boolean).join(', ');
    return `- ${c.serviceName} → ${c.target} (${how})${c.purpose ? ` — ${c.purpose}` : ''}`;
  });
}
