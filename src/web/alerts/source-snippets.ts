/**
 * Example requests for a source, with its token filled in. The Alertmanager one is a complete `alertmanager.yml`
 * (a route and its receiver: what `amtool check-config` asks for); to add Muster to an existing file, take its
 * receiver and route the customer's alerts to it.
 */
export function sourceSnippets(origin: string, token: string) {
  const curl = [
    `curl -sS -X POST '${origin}/api/v1/alerts' \\`,
    `  -H 'Authorization: Bearer ${token}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"title": "Disk almost full on db-1", "status": "firing", "severity": "high",`,
    `       "labels": {"alertname": "DiskFull", "instance": "db-1"}}'`,
  ].join('\n');
  const alertmanager = [
    'route:',
    '  receiver: muster',
    "  group_by: ['alertname']",
    '  group_wait: 30s',
    '  group_interval: 5m',
    '  repeat_interval: 4h',
    '',
    'receivers:',
    '  - name: muster',
    '    webhook_configs:',
    `      - url: ${origin}/api/v1/alerts/alertmanager`,
    '        send_resolved: true',
    '        max_alerts: 0',
    '        http_config:',
    '          authorization:',
    '            type: Bearer',
    `            credentials: ${token}`,
  ].join('\n');
  return { curl, alertmanager };
}
