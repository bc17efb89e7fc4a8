/**
 * The documented CSV template of batch issuance: one row a person, these columns (any order, any
 * subset; empty cells are absent), each mapped onto the catalogue form of `POST /credentials/issue`.
 */
export const BATCH_CSV_COLUMNS = [
  'rowKey',
  'achievement',
  'achievementVersion',
  'recipientId',
  'recipientEmail',
  'validFrom',
  'validUntil',
  'creditsEarned',
  'activityStartDate',
  'activityEndDate',
  'licenseNumber',
  'narrative',
  'resultDescription',
  'resultValue',
  'evidenceUrl',
  'evidenceName',
] as const;

export type BatchCsvColumn = (typeof BATCH_CSV_COLUMNS)[number];

/** Columns copied as they are into `fields`. */
const PLAIN_FIELDS = [
  'validFrom',
  'validUntil',
  'activityStartDate',
  'activityEndDate',
  'licenseNumber',
  'narrative',
] as const;

const INTEGER = /^[1-9]\d{0,8}$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * A CSV data row (cells by column name, empty cells left out) as the catalogue form of an issue
 * request: `{ rowKey?, achievement, achievementVersion, recipient: { id, email }, fields: {…} }`.
 * `creditsEarned` and `achievementVersion` become numbers when they are numbers, otherwise stay
 * text for the issue route's checks to refuse (naming the column); `resultDescription` /
 * `resultValue` become one OB 3.0 `Result`, `evidenceUrl` / `evidenceName` one `Evidence`.
 *
 * @example
 * csvRowBody({ achievement: 'https://college.example/achievements/a', recipientEmail: 'ada@example.org', creditsEarned: '3' });
 * // { achievement: '…', recipient: { email: 'ada@example.org' }, fields: { creditsEarned: 3 } }
 */
export function csvRowBody(cells: Partial<Record<BatchCsvColumn, string>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (cells.rowKey !== undefined) body.rowKey = cells.rowKey;
  if (cells.achievement !== undefined) body.achievement = cells.achievement;
  const version = cells.achievementVersion;
  if (version !== undefined) body.achievementVersion = INTEGER.test(version) ? Number(version) : version;
  const recipient: Record<string, string> = {};
  if (cells.recipientId !== undefined) recipient.id = cells.recipientId;
  if (cells.recipientEmail !== undefined) recipient.email = cells.recipientEmail;
  if (Object.keys(recipient).length > 0) body.recipient = recipient;
  const fields: Record<string, unknown> = {};
  for (const f of PLAIN_FIELDS) if (cells[f] !== undefined) fields[f] = cells[f];
  const credits = cells.creditsEarned;
  if (credits !== undefined) fields.creditsEarned = NUMBER.test(credits) ? Number(credits) : credits;
  if (cells.resultDescription !== undefined || cells.resultValue !== undefined) {
    fields.result = [
      {
        type: ['Result'],
        ...(cells.resultDescription !== undefined && { resultDescription: cells.resultDescription }),
        ...(cells.resultValue !== undefined && { value: cells.resultValue }),
      },
    ];
  }
  if (cells.evidenceUrl !== undefined || cells.evidenceName !== undefined) {
    fields.evidence = [
      {
        ...(cells.evidenceUrl !== undefined && { id: cells.evidenceUrl }),
        type: ['Evidence'],
        ...(cells.evidenceName !== undefined && { name: cells.evidenceName }),
      },
    ];
  }
  if (Object.keys(fields).length > 0) body.fields = fields;
  return body;
}

const COLUMN_OF: ReadonlyArray<readonly [RegExp, BatchCsvColumn]> = [
  [/^\/rowKey(\/|$)/, 'rowKey'],
  [/^\/achievementVersion(\/|$)/, 'achievementVersion'],
  [/^\/achievement(\/|$)/, 'achievement'],
  [/^\/recipient\/email(\/|$)/, 'recipientEmail'],
  [/^\/recipient(\/|$)/, 'recipientId'],
  [/^\/fields\/result\/0\/resultDescription(\/|$)/, 'resultDescription'],
  [/^\/fields\/result(\/|$)/, 'resultValue'],
  [/^\/fields\/evidence\/0\/name(\/|$)/, 'evidenceName'],
  [/^\/fields\/evidence(\/|$)/, 'evidenceUrl'],
  ...[...PLAIN_FIELDS, 'creditsEarned' as const].map((f) => [new RegExp(`^/fields/${f}(/|$)`), f] as const),
];

/**
 * The CSV column a problem's JSON pointer (into the row's catalogue form) is about, if one is.
 *
 * @example
 * columnOf('/recipient/email'); // 'recipientEmail'
 * columnOf('/fields/result/0/value'); // 'resultValue'
 */
export function columnOf(pointer: string | undefined): BatchCsvColumn | undefined {
  if (pointer === undefined) return undefined;
  return COLUMN_OF.find(([re]) => re.test(pointer))?.[1];
}
