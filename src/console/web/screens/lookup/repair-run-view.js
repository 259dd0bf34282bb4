// @ts-check
/**
 * The borrower's repair run: the open one, else the last finished one, with what each connector
 * answered. Falls back to the plan's own summary when the runs cannot be read.
 */
import { formatDateTime, h, headRow } from '../../dom.js';
import { statusBadge } from './lookup-parts.js';

/** @typedef {import('./lookup-strings.js').LookupText} LookupText */
/** @typedef {import('./lookup-types.js').ContactPlan} ContactPlan */
/** @typedef {import('./lookup-types.js').RepairRun} RepairRun */
/** @typedef {import('./lookup-types.js').RepairSummary} RepairSummary */

/**
 * @param {LookupText} text
 * @param {ContactPlan} plan
 * @param {RepairRun[] | Error | null} runs the borrower's latest runs, newest first, or why they could not be read
 */
export function repairSection(text, plan, runs) {
  const { t, label } = text;
  const section = h('section', { class: 'lookup-repair', 'aria-labelledby': 'lookup-repair-title', 'data-testid': 'repair-run' }, h('h3', { id: 'lookup-repair-title' }, t('repair')));
  if (runs instanceof Error) {
    section.append(h('p', { class: 'notice error' }, t('runsFailed', { message: runs.message })));
    if (plan.repair) section.append(repairSummary(text, plan.repair));
    return section;
  }
  const open = runs?.find((run) => run.status === 'running');
  const run = open ?? runs?.[0];
  if (!run) {
    section.append(plan.repair ? repairSummary(text, plan.repair) : h('p', { class: 'muted' }, t('noRun')));
    return section;
  }
  section.append(
    h('h4', {}, open ? t('openRun') : t('lastRun')),
    h(
      'dl',
      { class: 'lookup-facts' },
      h('dt', {}, t('runStatus')),
      h('dd', {}, statusBadge(text, run.status)),
      h('dt', {}, t('runReason')),
      h('dd', {}, run.reason ? label(run.reason) : t('none')),
      runFacts(text, run),
      h('dt', {}, t('candidates')),
      h('dd', {}, String(plan.repair && plan.repair.startedAt === run.startedAt ? plan.repair.candidates : run.candidateContactPointIds.length)),
      h('dt', {}, t('newPoints')),
      h('dd', {}, String(run.newContactPointIds.length)),
    ),
  );
  if (run.inquiries.length > 0) {
    section.append(
      h(
        'table',
        { class: 'data lookup-table' },
        headRow([t('connector'), t('source'), t('outcome'), t('records'), t('error')]),
        h(
          'tbody',
          {},
          run.inquiries.map((inquiry) =>
            h(
              'tr',
              {},
              h('td', {}, inquiry.connector),
              h('td', {}, inquiry.source),
              h('td', {}, statusBadge(text, inquiry.outcome)),
              h('td', {}, String(inquiry.records)),
              h('td', {}, inquiry.error ?? t('none')),
            ),
          ),
        ),
      ),
    );
  }
  return section;
}

/**
 * What the plan itself says of the last run, when the run list is missing or empty.
 * @param {LookupText} text
 * @param {RepairSummary} repair
 */
function repairSummary(text, repair) {
  const { t } = text;
  return h(
    'dl',
    { class: 'lookup-facts' },
    h('dt', {}, t('runStatus')),
    h('dd', {}, statusBadge(text, repair.status)),
    runFacts(text, repair),
    h('dt', {}, t('candidates')),
    h('dd', {}, String(repair.candidates)),
  );
}

/**
 * When a run started and finished and which sources it asked, as terms of a fact list.
 * @param {LookupText} text
 * @param {{ startedAt: string | null, finishedAt: string | null, sources: string[] }} run
 */
function runFacts(text, run) {
  const { t, language } = text;
  return [
    h('dt', {}, t('started')),
    h('dd', {}, formatDateTime(run.startedAt, language)),
    h('dt', {}, t('finished')),
    h('dd', {}, formatDateTime(run.finishedAt, language)),
    h('dt', {}, t('runSources')),
    h('dd', {}, run.sources.length > 0 ? run.sources.join(', ') : t('none')),
  ];
}
