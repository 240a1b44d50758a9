import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';
import { readCsv } from '../support/read-csv.js';

describe('/winwin export', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', locale: 'ko' });
  });
  afterAll(() => h.close());

  it('a viewer may not export', async () => {
    const seq = h.fake.seq();
    const reply = await h.command('/winwin export', { user: USERS.viewer });
    expect(textOf(reply)).toContain('편집자와 관리자만');
    expect(h.fake.calls().filter((c) => c.seq > seq && c.method.startsWith('files.'))).toEqual([]);
  });

  it('sends the pledges and the history as UTF-8 CSV with a BOM to the requester by DM', async () => {
    await h.command('/winwin pledge autos-hl 3억 =SUM(A1:A9) status:committed', {
      user: USERS.editor,
    });
    await h.command('/winwin pledge autos-hl 1억 "현대모비스, 주식회사" kind:corporation status:verbal', {
      user: USERS.editor,
    });
    const seq = h.fake.seq();
    const reply = await h.command('/winwin export 자동차', { user: USERS.editor, responseId: 'export-1' });
    expect(textOf(reply)).toContain('DM');
    const complete = await h.fake.waitForCall('files.completeUploadExternal', () => true, { afterSeq: seq });
    expect(complete.args.channel_id).toBe('DEDITOR01');
    const open = h.fake.calls('conversations.open').find((c) => c.seq > seq);
    expect(open?.args.users).toBe(USERS.editor);
    const files = complete.args.files as { id: string; title: string }[];
    expect(files).toHaveLength(2);
    expect(files[0]?.title).toMatch(/^Winwin pledges · autos · /);
    expect(complete.args.initial_comment).toContain('winwin-pledges-autos');
    // filesUploadV2 posts each file's bytes as multipart form data, one POST per file.
    const posts = h.fake.calls('upload').filter((c) => c.seq > seq);
    expect(posts.map((c) => c.id).sort()).toEqual(files.map((f) => f.id).sort());
    expect(posts.every((c) => c.headers['content-type']?.startsWith('multipart/form-data'))).toBe(true);

    const [pledgesFile, historyFile] = files.map((f) => h.fake.upload(f.id));
    expect(pledgesFile?.filename).toMatch(/^winwin-pledges-autos-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = pledgesFile?.bytes ?? Buffer.alloc(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(bytes.toString('utf8').slice(1));
    const [head, ...data] = rows;
    expect(head?.slice(0, 5)).toEqual(['pledge', 'sector', 'program', 'program_name', 'contributor']);
    const col = (name: string) => head?.indexOf(name) ?? -1;
    expect(data.every((r) => r[col('sector')] === 'autos')).toBe(true);
    const hyundai = data.find((r) => r[col('pledge')] === 'P1');
    expect(hyundai?.[col('amount_won')]).toBe('10000000000');
    expect(hyundai?.[col('amount')]).toBe('100억 원');
    // Names as stored (editors may read them), a comma kept inside one cell, formulas neutralized.
    expect(data.map((r) => r[col('contributor')])).toContain('현대모비스, 주식회사');
    expect(data.map((r) => r[col('contributor')])).toContain("'=SUM(A1:A9)");
    expect(data.every((r) => /^\d+$/.test(r[col('amount_won')] ?? ''))).toBe(true);

    const history = readCsv((historyFile?.bytes ?? Buffer.alloc(0)).toString('utf8').slice(1));
    expect(history[0]?.[0]).toBe('event');
    const recorded = history.filter((r) => r[3] === 'pledge.recorded' && r[7] === 'amount');
    expect(recorded.map((r) => r[9])).toContain('300000000');
    expect(recorded.map((r) => r[11])).toContain('3억 원');

    const sent = await h.fake.waitFor(() => h.fake.responses('export-1')[0]);
    expect(textOf(sent.args)).toContain('winwin-pledges-autos');
  });

  it('a failed upload is reported to the requester', async () => {
    h.fake.failNext('upload', { status: 500 });
    await h.command('/winwin export steel', { user: USERS.admin, responseId: 'export-2' });
    const sent = await h.fake.waitFor(() => h.fake.responses('export-2')[0]);
    expect(textOf(sent.args)).toContain('전달하지 못했습니다');
  });
});
