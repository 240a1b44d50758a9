import ExcelJS from 'exceljs';
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
    const reply = await h.command('/winwin export 자동차 csv', {
      user: USERS.editor,
      responseId: 'export-1',
    });
    expect(textOf(reply)).toContain('DM');
    const complete = await h.fake.waitForCall('files.completeUploadExternal', () => true, { afterSeq: seq });
    expect(complete.args.channel_id).toBe('DEDITOR01');
    const open = h.fake.calls('conversations.open').find((c) => c.seq > seq);
    expect(open?.args.users).toBe(USERS.editor);
    const files = complete.args.files as { id: string; title: string }[];
    expect(files).toHaveLength(4);
    expect(files[0]?.title).toMatch(/^Winwin pledges · autos · /);
    expect(complete.args.initial_comment).toContain('winwin-pledges-autos');
    // filesUploadV2 posts each file's bytes as multipart form data, one POST per file.
    const posts = h.fake.calls('upload').filter((c) => c.seq > seq);
    expect(posts.map((c) => c.id).sort()).toEqual(files.map((f) => f.id).sort());
    expect(posts.every((c) => c.headers['content-type']?.startsWith('multipart/form-data'))).toBe(true);

    const [pledgesFile, guaranteesFile, historyFile, paymentsFile] = files.map((f) => h.fake.upload(f.id));
    expect(guaranteesFile?.filename).toMatch(/^winwin-guarantees-autos-\d{4}-\d{2}-\d{2}\.csv$/);
    const guarantees = readCsv((guaranteesFile?.bytes ?? Buffer.alloc(0)).toString('utf8').slice(1));
    expect(guarantees[0]?.slice(0, 5)).toEqual(['guarantee', 'sector', 'program', 'supplier', 'amount_won']);
    expect(guarantees.find((r) => r[0] === 'G1')?.slice(3, 7)).toEqual([
      'DY Auto',
      '20000000000',
      '200억 원',
      '2025-08-18',
    ]);
    // Local times in WINWIN_TZ, not UTC instants.
    expect(guarantees[1]?.[10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
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

    // Times on the ministry's clock (Asia/Seoul), not UTC ISO strings.
    expect(data.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r[col('created_at')] ?? ''))).toBe(
      true,
    );
    expect(history.slice(1).every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r[1] ?? ''))).toBe(
      true,
    );
    expect(hyundai?.[col('paid_in_won')]).toBe('10000000000');
    expect(hyundai?.[col('balance_won')]).toBe('0');

    // One row per payment (autos-hyundai is paid in full: Hyundai/Kia once, Hana in two tranches), then
    // the expected installments.
    expect(paymentsFile?.filename).toMatch(/^winwin-payments-autos-\d{4}-\d{2}-\d{2}\.csv$/);
    const payments = readCsv((paymentsFile?.bytes ?? Buffer.alloc(0)).toString('utf8').slice(1));
    const [pHead, ...pRows] = payments;
    const pc = (name: string) => pHead?.indexOf(name) ?? -1;
    const paid = pRows.filter((r) => r[pc('row')] === 'payment');
    expect(paid.map((r) => [r[pc('pledge')], r[pc('date')], r[pc('amount_won')]])).toEqual([
      ['P1', '2025-08-18', '10000000000'],
      ['P2', '2025-08-29', '15000000000'],
      ['P2', '2025-09-30', '15000000000'],
    ]);
    expect(paid.at(-1)?.[pc('balance_after_won')]).toBe('0');
    expect(paid.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r[pc('recorded_at')] ?? ''))).toBe(
      true,
    );
    expect(pRows.filter((r) => r[pc('row')] === 'installment').map((r) => r[pc('pledge')])).toEqual([
      'P2',
      'P2',
      'P3',
    ]);

    const sent = await h.fake.waitFor(() => h.fake.responses('export-1')[0]);
    expect(textOf(sent.args)).toContain('winwin-pledges-autos');
  });

  it('a failed upload is reported to the requester', async () => {
    h.fake.failNext('upload', { status: 500 });
    await h.command('/winwin export steel csv', { user: USERS.admin, responseId: 'export-2' });
    const sent = await h.fake.waitFor(() => h.fake.responses('export-2')[0]);
    expect(textOf(sent.args)).toContain('전달하지 못했습니다');
  });
});

describe('/winwin export as an Excel workbook (the default)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', env: { WINWIN_TZ: 'Asia/Seoul' } });
  });
  afterAll(() => h.close());

  const workbookOf = async (line: string): Promise<{ workbook: ExcelJS.Workbook; filename: string }> => {
    const seq = h.fake.seq();
    await h.command(line, { user: USERS.editor });
    const complete = await h.fake.waitForCall('files.completeUploadExternal', () => true, {
      afterSeq: seq,
      timeoutMs: 15_000,
    });
    const files = complete.args.files as { id: string }[];
    expect(files).toHaveLength(1);
    const file = h.fake.upload(files[0]?.id ?? '');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((file?.bytes ?? Buffer.alloc(0)) as unknown as ArrayBuffer);
    return { workbook, filename: file?.filename ?? '' };
  };

  it('sends one workbook by DM: sheets, localized headers, numbers as #,##0, real dates, a frozen header', async () => {
    await h.command('/winwin pledge autos-hl 3억 ＝cmd|calc status:committed', { user: USERS.editor });
    const { workbook, filename } = await workbookOf('/winwin export');
    expect(filename).toMatch(/^winwin-all-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Programs',
      'Pledges',
      'Payments',
      'Guarantees',
      'Change history',
    ]);
    // Hyundai Motor & Kia's 100억 paid in on the agreement day: a number and a date.
    const payments = workbook.getWorksheet('Payments');
    const paid = payments
      ?.getRows(2, Math.max(1, payments.rowCount - 1))
      ?.find((r) => r.getCell(1).value === 'P1');
    expect(paid?.getCell(5).value).toBe(10_000_000_000);
    expect(paid?.getCell(5).numFmt).toBe('#,##0');
    expect(paid?.getCell(6).value).toEqual(new Date('2025-08-18T00:00:00.000Z'));
    expect(payments?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const guarantees = workbook.getWorksheet('Guarantees');
    if (guarantees === undefined) throw new Error('no Guarantees sheet');
    expect(guarantees.getRow(1).values).toEqual([
      undefined,
      'Guarantee',
      'Sector',
      'Program',
      'Supplier',
      'Amount (won)',
      'Issued on',
      'Status',
      'Recorded by',
      'Created',
      'Updated',
    ]);
    const g1 = guarantees.getRow(2);
    expect(g1.getCell(1).value).toBe('G1');
    expect(g1.getCell(4).value).toBe('DY Auto');
    expect(g1.getCell(5).value).toBe(20_000_000_000);
    expect(g1.getCell(5).numFmt).toBe('#,##0');
    const issued = g1.getCell(6).value;
    expect(issued).toBeInstanceOf(Date);
    expect((issued as Date).toISOString()).toBe('2025-08-18T00:00:00.000Z');
    expect(g1.getCell(6).numFmt).toBe('yyyy-mm-dd');
    expect(g1.getCell(9).value).toBeInstanceOf(Date);
    expect(guarantees.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(guarantees.getColumn(4).width ?? 0).toBeGreaterThanOrEqual(10);
    const pledges = workbook.getWorksheet('Pledges');
    const row = pledges?.getRows(2, pledges.rowCount - 1)?.find((r) => r.getCell(4).value === '＝cmd|calc');
    // A name that looks like a formula stays a text cell, never a formula.
    expect(row?.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(row?.getCell(8).value).toBe(300_000_000);
    const history = workbook.getWorksheet('Change history');
    expect(history?.getCell('B2').value).toBeInstanceOf(Date);
  });

  it('the created times are wall-clock times in WINWIN_TZ', async () => {
    const { workbook } = await workbookOf('/winwin export steel-posco xlsx');
    const programs = workbook.getWorksheet('Programs');
    const created = programs?.getCell('K2').value as Date;
    const stored = h.state().programs.find((p) => p.slug === 'steel-posco')?.createdAt ?? '';
    // Seoul is UTC+9 all year.
    expect(created.getTime() - Date.parse(stored)).toBeGreaterThan(9 * 3_600_000 - 60_000);
    expect(created.getTime() - Date.parse(stored)).toBeLessThanOrEqual(9 * 3_600_000);
    expect(programs?.getCell('E2').value).toBe(400_000_000_000);
    expect(programs?.getCell('E2').numFmt).toBe('#,##0');
  });

  it('headers and sheet names in Korean under WINWIN_LOCALE=ko', async () => {
    const ko = await startHarness({ seed: 'demo', locale: 'ko' });
    try {
      const seq = ko.fake.seq();
      await ko.command('/winwin export 철강', { user: USERS.editor });
      const complete = await ko.fake.waitForCall('files.completeUploadExternal', () => true, {
        afterSeq: seq,
        timeoutMs: 15_000,
      });
      const file = ko.fake.upload((complete.args.files as { id: string }[])[0]?.id ?? '');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((file?.bytes ?? Buffer.alloc(0)) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['프로그램', '출연', '납입', '보증', '이력']);
      expect(workbook.getWorksheet('보증')?.getRow(1).getCell(4).value).toBe('업체명');
      expect(workbook.getWorksheet('보증')?.getRow(2).getCell(4).value).toBe('TGS Pipe');
    } finally {
      await ko.close();
    }
  });
});
