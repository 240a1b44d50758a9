import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/** The modal Winwin shows now (views.open / views.update). */
const modal = (h: Harness): Record<string, unknown> => h.fake.lastModal() as Record<string, unknown>;
const modalText = (h: Harness): string => textOf({ blocks: modal(h).blocks });

const TOKEN = 'xoxb-harness-token';

const csv = (lines: string[]): Buffer => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

const xlsx = async (rows: (string | number | Date)[][]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('보증');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

describe('/winwin import guarantees', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  /** Opens the import modal for `program`, attaches `bytes` as `name`, submits, and waits for the preview. */
  const preview = async (program: string, name: string, bytes: Buffer, user: string = USERS.editor) => {
    await h.command(`/winwin import guarantees ${program}`, { user });
    const view = modal(h);
    expect(view.callback_id).toBe('guarantee_import');
    const file = h.fake.addFile({ name, bytes, token: TOKEN });
    const after = h.fake.seq();
    const ack = await h.submitView(
      view,
      { file: { type: 'file_input', files: [{ id: file, name }] } },
      { user },
    );
    expect(ack?.response_action).toBe('update');
    await h.fake.waitForCall('views.update', undefined, { afterSeq: after, timeoutMs: 15_000 });
    return modal(h);
  };

  const confirm = async (view: Record<string, unknown>, user: string = USERS.editor) => {
    const after = h.fake.seq();
    const ack = await h.submitView(view, {}, { user });
    expect(ack?.response_action).toBe('update');
    await h.fake.waitForCall('views.update', undefined, { afterSeq: after, timeoutMs: 15_000 });
    return modal(h);
  };

  it('a CSV with Korean headers: a preview with every bad row, nothing stored before confirm', async () => {
    const before = await h.storeBytes();
    const view = await preview(
      'shipbuilding-hd',
      '보증목록.csv',
      csv([
        '업체명,보증금액,보증일자',
        'Hull Works,20억,2026-02-01',
        '"Deck Parts","1,500,000,000",2026.02.03',
        'Bad Amount,300,2026-02-04',
        'Bad Date,5억,2026-13-01',
        ',5억,2026-02-05',
      ]),
    );
    expect(view.callback_id).toBe('guarantee_import_confirm');
    expect(view.submit).toBeUndefined();
    const text = modalText(h);
    expect(text).toContain('2 guarantees');
    expect(text).toContain('3 rows cannot be imported');
    expect(text).toContain('line 4');
    expect(text).toContain('line 5');
    expect(text).toContain('line 6');
    expect(text).toContain('Hull Works');
    expect(text).toContain('Utilization if the good rows were imported');
    // The bot token went with the download, and nothing is stored.
    expect(h.fake.calls('files.info').at(-1)?.authorized).toBe(true);
    expect(h.fake.calls('download').at(-1)?.authorized).toBe(true);
    expect(await h.storeBytes()).toBe(before);
  });

  it('an XLSX made with exceljs (Korean headers, 20억, a date cell): preview, confirm, one event per guarantee, launch', async () => {
    const guaranteesBefore = h.state().guarantees?.length ?? 0;
    const bytes = await xlsx([
      ['업체명', '보증금액', '보증일자'],
      ['Hull Works', '20억', new Date(Date.UTC(2026, 1, 2))],
      ['Deck Parts', 1_500_000_000, '2026-02-03'],
      ['Engine Co', '3억 원', 46058],
    ]);
    const before = await h.storeBytes();
    const view = await preview('shipbuilding-hd', 'ksure.xlsx', bytes);
    const text = modalText(h);
    expect(text).toContain('3 guarantees');
    expect(text).toContain('3.8 billion won');
    expect(text).toContain('New suppliers (3)');
    expect(text).toContain('Utilization after the import');
    expect(view.submit).toBeDefined();
    expect(await h.storeBytes()).toBe(before);

    const eventsBefore = h.store.lastEventId();
    const done = await confirm(view);
    expect(textOf({ blocks: done.blocks })).toContain('Imported 3 guarantees');
    const added = (h.state().guarantees ?? []).slice(guaranteesBefore);
    expect(added.map((g) => [g.supplier, g.amount.toFixed(), g.issuedOn])).toEqual([
      ['Hull Works', '2000000000', '2026-02-02'],
      ['Deck Parts', '1500000000', '2026-02-03'],
      ['Engine Co', '300000000', '2026-02-05'],
    ]);
    const events = await h.store.eventsSince(eventsBefore);
    expect(events.map((e) => e.type)).toEqual([
      'guarantee.issued',
      'program.status',
      'guarantee.issued',
      'guarantee.issued',
    ]);
    expect(h.state().programs.find((p) => p.slug === 'shipbuilding-hd')?.status).toBe('launched');
  });

  it('the same file twice is refused', async () => {
    const bytes = await xlsx([
      ['supplier', 'amount', 'date'],
      ['Once Only', '1억', '2026-03-01'],
    ]);
    const view = await preview('shipbuilding-hd', 'once.xlsx', bytes);
    await confirm(view);
    expect(h.state().guarantees?.at(-1)?.supplier).toBe('Once Only');
    const count = h.state().guarantees?.length;
    await preview('shipbuilding-hd', 'once-again.xlsx', bytes);
    expect(modalText(h)).toContain('imported already');
    expect(modalText(h)).toContain('once.xlsx');
    expect(h.state().guarantees?.length).toBe(count);
  });

  it('says which columns were not found', async () => {
    await preview('steel', 'cols.csv', csv(['회사,금액(원),비고', 'A,1억,x']));
    const text = modalText(h);
    expect(text).toContain('Columns not found');
    expect(text).toContain('supplier');
    expect(text).toContain('date');
    expect(text).toContain('금액(원)');
  });

  it('refuses files over 5 MB and over 5,000 rows', async () => {
    await preview('steel', 'big.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41));
    expect(modalText(h)).toContain('larger than 5 MB');
    const rows = ['supplier,amount,date', ...Array.from({ length: 5001 }, (_, i) => `S${i},1억,2026-03-01`)];
    await preview('steel', 'rows.csv', csv(rows));
    expect(modalText(h)).toContain('5001 rows');
  });

  it('refuses viewers, who cannot open it nor submit a forged one', async () => {
    const reply = textOf(await h.command('/winwin import guarantees steel', { user: USERS.viewer }));
    expect(reply).toContain('Only editors and admins');
    const before = await h.storeBytes();
    const ack = await h.submitView(
      'guarantee_import_confirm',
      {},
      {
        user: USERS.viewer,
        privateMetadata: JSON.stringify({ program: 'steel-posco', file: 'F0001', sha256: 'a'.repeat(64) }),
      },
    );
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('Only editors');
    expect(await h.storeBytes()).toBe(before);
  });
});
