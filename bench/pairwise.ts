/**
 * Pairwise clustering metrics, computed from counts (sums of C(n, 2) over clusters and over the
 * truth × prediction intersection table), never by enumerating pairs.
 */
export interface Mention {
  /** truth entity; null when the mention should not be a contact point at all (unusable, vague) */
  truth: string | null;
  /** predicted cluster (contact point or person id); null when the service made none */
  predicted: string | null;
  /** what the source wrote, for error examples */
  raw: string;
  /** where it came from ('sales-crm/CRM-SYN-00000012 phone[1].0') */
  where: string;
  /** label of the predicted cluster (value_key) or the reason it has none */
  predictedLabel: string;
  /** format tags, for the per-format table */
  tags: readonly string[];
}

export interface PairwiseScore {
  mentions: number;
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function count<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function pairwiseScore(mentions: readonly Mention[]): PairwiseScore {
  const byTruth = new Map<string, number>();
  const byPrediction = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const mention of mentions) {
    if (mention.truth !== null) count(byTruth, mention.truth);
    if (mention.predicted !== null) count(byPrediction, mention.predicted);
    if (mention.truth !== null && mention.predicted !== null) count(byBoth, `${mention.truth}\u0000${mention.predicted}`);
  }
  let truePairs = 0;
  let predictedPairs = 0;
  let truePositives = 0;
  for (const n of byTruth.values()) truePairs += pairs(n);
  for (const n of byPrediction.values()) predictedPairs += pairs(n);
  for (const n of byBoth.values()) truePositives += pairs(n);
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { mentions: mentions.length, truePairs, predictedPairs, truePositives, precision, recall, f1 };
}

/**
 * Pairwise scores over the pairs that involve at least one mention carrying `tag` (a writing style
 * or class): pairs among untagged mentions are left out by subtracting their counts.
 */
export function pairwiseScoreWithTag(mentions: readonly Mention[], tag: string): PairwiseScore {
  const tagged = mentions.filter((mention) => mention.tags.includes(tag));
  const all = pairwiseScore(mentions);
  const untagged = pairwiseScore(mentions.filter((mention) => !mention.tags.includes(tag)));
  const truePairs = all.truePairs - untagged.truePairs;
  const predictedPairs = all.predictedPairs - untagged.predictedPairs;
  const truePositives = all.truePositives - untagged.truePositives;
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { mentions: tagged.length, truePairs, predictedPairs, truePositives, precision, recall, f1 };
}

export interface ErrorExample {
  /** pairs wrongly joined (false merge) or wrongly apart (false split) */
  pairs: number;
  title: string;
  groups: { label: string; mentions: Mention[] }[];
}

/** Predicted clusters holding more than one truth entity, worst first. */
export function falseMerges(mentions: readonly Mention[], limit: number): ErrorExample[] {
  const clusters = groupBy(
    mentions.filter((mention) => mention.predicted !== null),
    (mention) => mention.predicted!,
  );
  const examples: ErrorExample[] = [];
  for (const members of clusters.values()) {
    let uniqueNulls = 0;
    const byTruth = groupBy(members, (mention) => mention.truth ?? `\u0000null${uniqueNulls++}`);
    if (byTruth.size < 2) continue;
    let same = 0;
    for (const group of byTruth.values()) same += pairs(group.length);
    const wrong = pairs(members.length) - same;
    examples.push({
      pairs: wrong,
      title: `${members[0].predictedLabel}: ${members.length} mentions of ${byTruth.size} truth entities`,
      groups: [...byTruth.entries()]
        .sort((left, right) => right[1].length - left[1].length)
        .map(([truth, group]) => ({ label: truth.startsWith('\u0000null') ? 'truth: none (unusable/vague/unlabelled)' : `truth ${truth}`, mentions: group })),
    });
  }
  return examples.sort((left, right) => right.pairs - left.pairs).slice(0, limit);
}

/** Truth entities spread over several predicted clusters (or none), worst first. */
export function falseSplits(mentions: readonly Mention[], limit: number): ErrorExample[] {
  const entities = groupBy(
    mentions.filter((mention) => mention.truth !== null),
    (mention) => mention.truth!,
  );
  const examples: ErrorExample[] = [];
  for (const [truth, members] of entities) {
    let uniqueNulls = 0;
    const byPrediction = groupBy(members, (mention) => mention.predicted ?? `\u0000null${uniqueNulls++}`);
    if (byPrediction.size < 2) continue;
    let together = 0;
    for (const group of byPrediction.values()) together += pairs(group.length);
    const missed = pairs(members.length) - together;
    examples.push({
      pairs: missed,
      title: `truth ${truth}: ${members.length} mentions in ${byPrediction.size} clusters`,
      groups: [...byPrediction.values()]
        .sort((left, right) => right.length - left.length)
        .map((group) => ({ label: group[0].predicted === null ? `none: ${group[0].predictedLabel}` : `→ ${group[0].predictedLabel}`, mentions: group })),
    });
  }
  return examples.sort((left, right) => right.pairs - left.pairs).slice(0, limit);
}

/**
 * Per format tag: the share of mentions that ended where they should. A mention with a truth is
 * right when its cluster is the one most of its entity's mentions went to and most of that
 * cluster's mentions belong to its entity; one without a truth is right when it got no cluster.
 */
export function accuracyByTag(mentions: readonly Mention[]): { tag: string; total: number; right: number }[] {
  const entityHome = new Map<string, string | null>();
  const clusterOwner = new Map<string, string | null>();
  const plurality = (items: readonly Mention[], key: (mention: Mention) => string | null): string | null => {
    const counts = new Map<string | null, number>();
    for (const item of items) count(counts, key(item));
    let best: string | null = null;
    let bestCount = -1;
    for (const [value, n] of counts) {
      if (value !== null && n > bestCount) {
        best = value;
        bestCount = n;
      }
    }
    return best;
  };
  for (const [truth, members] of groupBy(
    mentions.filter((mention) => mention.truth !== null),
    (mention) => mention.truth!,
  ))
    entityHome.set(truth, plurality(members, (mention) => mention.predicted));
  for (const [predicted, members] of groupBy(
    mentions.filter((mention) => mention.predicted !== null),
    (mention) => mention.predicted!,
  ))
    clusterOwner.set(predicted, plurality(members, (mention) => mention.truth));
  const stats = new Map<string, { total: number; right: number }>();
  for (const mention of mentions) {
    const right =
      mention.truth === null
        ? mention.predicted === null
        : mention.predicted !== null && entityHome.get(mention.truth) === mention.predicted && clusterOwner.get(mention.predicted) === mention.truth;
    for (const tag of mention.tags) {
      const entry = stats.get(tag) ?? { total: 0, right: 0 };
      entry.total += 1;
      if (right) entry.right += 1;
      stats.set(tag, entry);
    }
  }
  return [...stats.entries()].map(([tag, entry]) => ({ tag, ...entry }));
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    let group = groups.get(value);
    if (!group) groups.set(value, (group = []));
    group.push(item);
  }
  return groups;
}

/**
 * Of the pairs put to operators, how many join two clusters holding mentions of one true entity
 * (pairs an operator should accept); the rest are queue an operator must reject.
 */
export function suggestionTruth(mentions: readonly Mention[], pairs: readonly { leftId: string; rightId: string }[]): { pairs: number; same: number } {
  const truthsOf = new Map<string, Set<string>>();
  for (const mention of mentions) {
    if (mention.predicted === null || mention.truth === null) continue;
    const truths = truthsOf.get(mention.predicted) ?? new Set<string>();
    truths.add(mention.truth);
    truthsOf.set(mention.predicted, truths);
  }
  const same = pairs.filter(({ leftId, rightId }) => {
    // Both sides merged into one since: nothing left to decide.
    if (leftId === rightId) return false;
    const [left, right] = [truthsOf.get(leftId), truthsOf.get(rightId)];
    return left !== undefined && right !== undefined && [...left].some((truth) => right.has(truth));
  }).length;
  return { pairs: pairs.length, same };
}
