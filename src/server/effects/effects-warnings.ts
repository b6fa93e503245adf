import type { EffectsState, EffectWarning } from '../../shared/effects.ts';

/**
 * Pure: what the assessment still lacks or contradicts. The seed asks for more than one antivirus toolkit; a
 * defaced site wants a backup to restore from; a volume taken should be written down; and the personal-data answer
 * should agree with the incident's field (which a person may have edited since).
 */
export function effectsWarnings(effects: EffectsState | undefined, personalData: boolean | null): EffectWarning[] {
  const out: EffectWarning[] = [];
  const malware = effects?.malware;
  if (malware) {
    const scans = malware.scans ?? [];
    if (scans.length < 2) {
      out.push({
        question: 'malware',
        message: `Scan with more than one antivirus toolkit: ${scans.length === 0 ? 'no scan is' : 'one scan is'} recorded.`,
      });
    }
    const found = scans.filter((s) => s.result === 'detected').map((s) => s.toolkit);
    if (malware.answer === 'no' && found.length > 0) {
      out.push({ question: 'malware', message: `The answer is no, but ${found.join(' and ')} detected malware.` });
    }
  }
  const defacement = effects?.defacement;
  if (defacement?.answer === 'yes' && defacement.recentBackups !== 'yes') {
    out.push({
      question: 'defacement',
      message:
        defacement.recentBackups === 'no'
          ? 'No recent backup exists to restore the defaced sites from.'
          : 'Find out whether a recent backup exists to restore the defaced sites from.',
    });
  }
  const download = effects?.['download-volume'];
  if (download?.answer === 'yes' && !download.volume) {
    out.push({ question: 'download-volume', message: 'Say how much the logs show was taken.' });
  }
  const personal = effects?.['personal-data'];
  if (personal && personal.answer !== 'unknown' && (personal.answer === 'yes') !== personalData) {
    const field = personalData === null ? 'not known' : personalData ? 'yes' : 'no';
    out.push({
      question: 'personal-data',
      message: `The incident's personal data was set to ${field} after this answer: save the answer again to set it back, or change it.`,
    });
  }
  return out;
}
