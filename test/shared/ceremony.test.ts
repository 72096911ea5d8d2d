import { describe, expect, it } from 'vitest';
import { applyInPlace, initialState, projectionForViewer, retentionDue, type RuleResult } from '../../shared/index.ts';
import { ceremonyReport, generatedScript, namesForWall, receptionCounts, scriptOf, stageNow } from '../../shared/ceremony.ts';
import { planHonoureeImport } from '../../shared/ceremonyImport.ts';
import { ADMIN, COORD, DAY1, MC, MiniServer, vn } from './fixtures.ts';

function expectCode(result: RuleResult, code: string): void {
  expect(result.ok ? 'ok' : result.code).toBe(code);
}

const HEADER = ['STT', 'Loại', 'Họ và tên / Tên tập thể', 'Đơn vị / Địa chỉ', 'Số lần hiến máu', 'Hình thức khen thưởng', 'Đợt', 'Thứ tự', 'Ghế', 'Không hiển thị'];

/** Two awards, two batches, and three honourees in batch 1 (one who asked not to be shown). */
function withCeremony(): MiniServer {
  const server = new MiniServer().setup();
  const at = vn('2024-07-10', '09:00');
  server.ok(
    'ceremony.awards_set',
    {
      awards: [
        { awardId: 'bk', name: 'Bằng khen của Chủ tịch UBND tỉnh' },
        { awardId: 'gk', name: 'Giấy khen Hội Chữ thập đỏ tỉnh' },
      ],
    },
    ADMIN,
    at,
  );
  server.ok('ceremony.batch_set', { batchId: 'b1', order: 1, title: 'Đợt 1: Tập thể tiêu biểu', leader: 'đồng chí Chủ tịch UBND tỉnh' }, ADMIN, at);
  server.ok('ceremony.batch_set', { batchId: 'b2', order: 2, title: 'Đợt 2: Cá nhân tiêu biểu' }, ADMIN, at);
  server.ok('ceremony.honouree_set', { honoureeId: 'h1', kind: 'collective', name: 'Công ty May Hải Dương', donations: 320, awardId: 'bk', batchId: 'b1', order: 1 }, ADMIN, at);
  server.ok(
    'ceremony.honouree_set',
    { honoureeId: 'h2', kind: 'individual', name: 'Trần Văn Bình', unit: 'Phường Trần Phú', donations: 42, awardId: 'bk', batchId: 'b1', order: 2, seat: 'A12' },
    ADMIN,
    at,
  );
  server.ok('ceremony.honouree_set', { honoureeId: 'h3', kind: 'individual', name: 'Lê Thị Cúc', unit: 'Xã Tân Hưng', donations: 30, awardId: 'bk', batchId: 'b1', order: 3, hidden: true }, ADMIN, at);
  return server;
}

describe('the honouring ceremony (issue 17)', () => {
  it('reception, the stage manager and the after-report read the same batch', () => {
    const server = withCeremony();
    const morning = vn(DAY1, '07:10');
    server.ok('ceremony.arrived', { honoureeId: 'h1', representative: 'Phạm Văn Đức' }, COORD, morning);
    server.ok('ceremony.arrived', { honoureeId: 'h2' }, COORD, morning);
    expectCode(server.send('ceremony.arrived', { honoureeId: 'h2' }, COORD, morning).result, 'already_arrived');
    const { current, next, all } = stageNow(server.state);
    expect(current).toBeNull();
    expect(next?.batch.id).toBe('b1');
    expect([next!.present, next!.represented, next!.absent]).toEqual([1, 1, 1]);
    expect(all.map((s) => s.batch.id)).toEqual(['b1', 'b2']);

    server.ok('ceremony.batch_ready', { batchId: 'b1', item: 'flowers', ready: true }, COORD, morning);
    server.ok('ceremony.batch_cued', { batchId: 'b1' }, COORD, vn(DAY1, '08:00'));
    expect(stageNow(server.state).current?.batch.id).toBe('b1');
    expect(stageNow(server.state).current?.batch.ready).toEqual({ flowers: true });
    // One batch on stage at a time.
    expectCode(server.send('ceremony.batch_cued', { batchId: 'b2' }, COORD, vn(DAY1, '08:01')).result, 'batch_on_stage');
    expectCode(server.send('ceremony.batch_done', { batchId: 'b2' }, COORD, vn(DAY1, '08:01')).result, 'batch_not_on_stage');
    // The wall shows the batch without the honouree who asked not to be shown.
    expect(namesForWall(server.state, 'b1').map((h) => h.name)).toEqual(['Công ty May Hải Dương', 'Trần Văn Bình']);
    server.ok('ceremony.batch_done', { batchId: 'b1' }, COORD, vn(DAY1, '08:06'));
    expect(server.state.ceremonyOnStage).toBeNull();
    expect(stageNow(server.state).next?.batch.id).toBe('b2');
    expectCode(server.send('ceremony.batch_cued', { batchId: 'b1' }, COORD, vn(DAY1, '08:07')).result, 'batch_done');

    const rows = ceremonyReport(server.state);
    expect(rows.map((r) => [r.name, r.reception, r.representative])).toEqual([
      ['Công ty May Hải Dương', 'representative', 'Phạm Văn Đức'],
      ['Trần Văn Bình', 'in_person', ''],
      ['Lê Thị Cúc', 'absent', ''],
    ]);
    expect(receptionCounts(rows)).toEqual({ in_person: 1, representative: 1, absent: 1 });
  });

  it('a wrong tap is voided: the cue, "xong đợt", an arrival', () => {
    const server = withCeremony();
    const cue = server.ok('ceremony.batch_cued', { batchId: 'b1' }, COORD, vn(DAY1, '08:00'));
    const done = server.ok('ceremony.batch_done', { batchId: 'b1' }, COORD, vn(DAY1, '08:05'));
    // "Xong đợt" is undone before the cue (a void that could not undo anything is refused, not recorded).
    expectCode(server.send('event.voided', { eventId: cue.id, reason: 'Bấm nhầm' }, COORD, vn(DAY1, '08:06')).result, 'void_blocked');
    expect(server.state.ceremonyBatches.get('b1')?.cuedAt).toBeDefined();
    server.ok('event.voided', { eventId: done.id, reason: 'Bấm nhầm' }, COORD, vn(DAY1, '08:06'));
    expect(server.state.ceremonyOnStage).toBe('b1');
    server.ok('event.voided', { eventId: cue.id, reason: 'Bấm nhầm' }, COORD, vn(DAY1, '08:07'));
    expect(server.state.ceremonyOnStage).toBeNull();
    expect(stageNow(server.state).next?.batch.id).toBe('b1');
    const arrival = server.ok('ceremony.arrived', { honoureeId: 'h2' }, COORD, vn(DAY1, '07:00'));
    server.ok('event.voided', { eventId: arrival.id, reason: 'Nhầm người' }, COORD, vn(DAY1, '07:01'));
    expect(server.state.honourees.get('h2')?.arrivedAt).toBeUndefined();
  });

  it("the MC's script is made from the list, edited, read once", () => {
    const server = withCeremony();
    const batch = server.state.ceremonyBatches.get('b1')!;
    const script = generatedScript(server.state, batch);
    expect(script).toContain('Trân trọng kính mời đại diện các tập thể và cá nhân sau đây lên sân khấu nhận Bằng khen của Chủ tịch UBND tỉnh');
    expect(script).toContain('2. Trần Văn Bình — Phường Trần Phú — 42 lần hiến máu');
    // The MC reads every name, also one not shown on the wall.
    expect(script).toContain('3. Lê Thị Cúc');
    expect(script).toContain('Trân trọng kính mời đồng chí Chủ tịch UBND tỉnh lên trao');
    server.ok('ceremony.script_set', { batchId: 'b1', text: 'Lời dẫn đã sửa' }, MC, vn(DAY1, '07:00'));
    expect(scriptOf(server.state, server.state.ceremonyBatches.get('b1')!)).toBe('Lời dẫn đã sửa');
    server.ok('ceremony.script_set', { batchId: 'b1', text: '' }, MC, vn(DAY1, '07:01'));
    expect(scriptOf(server.state, server.state.ceremonyBatches.get('b1')!)).toBe(script);
    server.ok('ceremony.script_read', { batchId: 'b1' }, MC, vn(DAY1, '08:02'));
    expectCode(server.send('ceremony.script_read', { batchId: 'b1' }, MC, vn(DAY1, '08:03')).result, 'already_read');
  });

  it('the list refers to known awards and batches; a batch with honourees stays', () => {
    const server = withCeremony();
    const at = vn(DAY1, '06:00');
    expectCode(server.send('ceremony.honouree_set', { honoureeId: 'h9', kind: 'family', name: 'Gia đình ông Tư', awardId: 'nope', batchId: 'b1', order: 9 }, ADMIN, at).result, 'unknown_award');
    expectCode(server.send('ceremony.honouree_set', { honoureeId: 'h9', kind: 'family', name: 'Gia đình ông Tư', awardId: 'gk', batchId: 'nope', order: 9 }, ADMIN, at).result, 'unknown_batch');
    expectCode(server.send('ceremony.batch_removed', { batchId: 'b1' }, COORD, at).result, 'batch_not_empty');
    expectCode(server.send('ceremony.awards_set', { awards: [{ awardId: 'gk', name: 'Giấy khen' }] }, ADMIN, at).result, 'award_in_use');
    server.ok('ceremony.batch_removed', { batchId: 'b2' }, COORD, at);
    // Editing a batch keeps what happened to it.
    server.ok('ceremony.batch_cued', { batchId: 'b1' }, COORD, at);
    server.ok('ceremony.batch_set', { batchId: 'b1', order: 1, title: 'Đợt 1 (sửa)' }, COORD, at);
    expect(server.state.ceremonyBatches.get('b1')).toMatchObject({ title: 'Đợt 1 (sửa)', cuedAt: expect.any(String) });
    expect(server.state.ceremonyBatches.get('b1')?.leader).toBeUndefined();
  });

  it('need to know: a hidden honouree is nameless on the wall and the desks; representatives stay with staff', () => {
    const server = withCeremony();
    server.ok('ceremony.arrived', { honoureeId: 'h1', representative: 'Phạm Văn Đức' }, COORD, vn(DAY1, '07:00'));
    server.ok('ceremony.dossier_set', { honoureeId: 'h2', status: 'decided', decisionNo: '1234/QĐ-UBND', decisionDate: '2024-07-05', note: 'Bổ sung bản sao CCCD' }, ADMIN, vn(DAY1, '07:00'));
    for (const visibility of ['public', 'desk'] as const) {
      const shown = projectionForViewer(server.state, { visibility, tokenId: 't' });
      expect(shown.honourees.get('h3')?.name, visibility).toBe('');
      expect(shown.honourees.get('h3')?.unit, visibility).toBeUndefined();
      expect(shown.honourees.get('h2')?.name, visibility).toBe('Trần Văn Bình');
      // Someone received for h1 (the counts), not who.
      expect(shown.honourees.get('h1')?.representative, visibility).toBe('');
      expect(shown.honourees.get('h2')?.dossier?.note, visibility).toBeUndefined();
      // The same from the events, replayed from the start.
      const replayed = initialState();
      for (const event of server.logFor({ visibility, tokenId: 't' })) applyInPlace(replayed, event);
      expect(JSON.stringify([...replayed.honourees.values()]), visibility).not.toMatch(/Lê Thị Cúc|Xã Tân Hưng|Phạm Văn Đức|Bổ sung/);
      expect(replayed.honourees.get('h2')?.name).toBe('Trần Văn Bình');
    }
    const mc = projectionForViewer(server.state, { visibility: 'mc' });
    expect(mc.honourees.get('h3')?.name).toBe('Lê Thị Cúc');
    expect(mc.honourees.get('h1')?.representative).toBe('');
    expect(stageNow(mc).next).toMatchObject({ present: 0, represented: 1, absent: 2 });
    expect(projectionForViewer(server.state, { visibility: 'staff' }).honourees.get('h1')?.representative).toBe('Phạm Văn Đức');
    // Hidden after the fact: a catch-up from the start never shows the name again.
    server.ok('ceremony.honouree_set', { honoureeId: 'h2', kind: 'individual', name: 'Trần Văn Bình', awardId: 'bk', batchId: 'b1', order: 2, hidden: true }, ADMIN, vn(DAY1, '07:05'));
    expect(JSON.stringify(server.logFor({ visibility: 'public' }))).not.toContain('Trần Văn Bình');
  });

  it("the MC's edited script names the hidden too: it goes to the MC and staff only, and an erasure in the batch takes it", () => {
    const server = withCeremony();
    server.ok('ceremony.script_set', { batchId: 'b1', text: 'Mời Công ty May Hải Dương, ông Trần Văn Bình và bà Lê Thị Cúc' }, MC, vn(DAY1, '07:00'));
    for (const visibility of ['public', 'desk'] as const) {
      expect(JSON.stringify(server.logFor({ visibility, tokenId: 't' })), visibility).not.toContain('Lê Thị Cúc');
      expect(projectionForViewer(server.state, { visibility, tokenId: 't' }).ceremonyBatches.get('b1')?.script, visibility).toBeUndefined();
    }
    expect(projectionForViewer(server.state, { visibility: 'mc' }).ceremonyBatches.get('b1')?.script).toContain('Lê Thị Cúc');
    server.ok('ceremony.honouree_erased', { honoureeId: 'h3', reason: 'Đơn yêu cầu số 7' }, ADMIN, vn(DAY1, '07:30'));
    // Back to the script made from the list, which no longer has her.
    expect(server.state.ceremonyBatches.get('b1')?.script).toBeUndefined();
    expect(scriptOf(server.state, server.state.ceremonyBatches.get('b1')!)).not.toContain('Lê Thị Cúc');
  });

  it('erasure and retention: the line stays, the name goes', () => {
    const server = withCeremony();
    server.ok('ceremony.arrived', { honoureeId: 'h1', representative: 'Phạm Văn Đức' }, COORD, vn(DAY1, '07:00'));
    expectCode(server.send('ceremony.honouree_erased', { honoureeId: 'h2', reason: 'Trần Văn Bình yêu cầu' }, ADMIN, vn(DAY1, '09:00')).result, 'reason_has_personal_data');
    server.ok('ceremony.honouree_erased', { honoureeId: 'h2', reason: 'Đơn yêu cầu số 12, ngày 1/8/2024' }, ADMIN, vn(DAY1, '09:00'));
    expect(server.state.honourees.get('h2')).toMatchObject({ name: '', erased: true });
    expectCode(server.send('ceremony.arrived', { honoureeId: 'h2' }, COORD, vn(DAY1, '09:01')).result, 'honouree_erased');
    expect(ceremonyReport(server.state).find((r) => r.erased)?.name).toBe('');
    // Retention: everyone listed by then.
    const due = retentionDue(server.state, 30, Date.parse('2024-09-01T00:00:00+07:00'));
    expect(due).not.toBeNull();
    server.ok('personal_data.expired', { registeredUpTo: due!, reason: 'retention' }, ADMIN, '2024-09-01T00:00:00+07:00');
    expect([...server.state.honourees.values()].every((h) => h.erased && h.name === '' && h.representative === undefined)).toBe(true);
    // The wall is told which, by id, and forgets them too.
    const wall = initialState();
    for (const event of server.logFor({ visibility: 'public' })) applyInPlace(wall, event);
    expect([...wall.honourees.values()].every((h) => h.erased && h.name === '')).toBe(true);
  });

  describe('importing the list', () => {
    const state = () => withCeremony().state;

    it('recognises the columns, plans new, changed and unchanged rows', () => {
      const rows = [
        ['DANH SÁCH ĐỀ NGHỊ TÔN VINH'],
        [],
        HEADER,
        [1, 'Tập thể', 'Công ty May Hải Dương', '', 320, 'Bằng khen của Chủ tịch UBND tỉnh', 'Đợt 1', 1, '', ''],
        [2, 'cá nhân', 'Trần Văn Bình', 'Phường Trần Phú', 43, 'bang khen cua chu tich ubnd tinh', 1, 2, 'A12', ''],
        [3, 'Gia đình', 'Gia đình ông Nguyễn Văn Tư', 'Thôn Đông, xã Cẩm Điền', 60, 'Giấy khen Hội Chữ thập đỏ tỉnh', 'đợt 2', '', '', 'x'],
      ];
      const planned = planHonoureeImport(rows, state());
      expect(planned.ok).toBe(true);
      if (!planned.ok) return;
      expect(planned.plan.rows.map((r) => [r.rowNumber, r.status])).toEqual([
        [4, 'same'],
        [5, 'changed'],
        [6, 'new'],
      ]);
      expect(planned.plan.rows[1]!.existingId).toBe('h2');
      expect(planned.plan.rows[2]!.honouree).toMatchObject({ kind: 'family', batchId: 'b2', awardId: 'gk', order: 1, hidden: true, donations: 60 });
    });

    it('says what is wrong on each row', () => {
      const rows = [
        HEADER,
        [1, 'Cá nhân', '', 'Xã A', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 1, 1, '', ''],
        [2, 'Cá nhân', 'Đỗ Văn Em', 'Xã B', 20, 'Huân chương', 1, 2, '', ''],
        [3, 'Cá nhân', 'Đỗ Văn Giang', 'Xã C', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 'Đợt 9', 3, '', ''],
        [4, 'Cá nhân', 'Hà Thị Hoa', 'Xã D', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 2, 1, '', ''],
        [5, 'Cá nhân', 'HÀ THỊ HOA', 'xã d', 20, 'Bằng khen của Chủ tịch UBND tỉnh', 2, 2, '', ''],
        [6, 'Hội', 'Đoàn Thanh niên', '', 'nhiều', 'Bằng khen của Chủ tịch UBND tỉnh', 2, 3, '', ''],
      ];
      const planned = planHonoureeImport(rows, state());
      if (!planned.ok) throw new Error(planned.en);
      const problems = Object.fromEntries(planned.plan.rows.map((r) => [r.rowNumber, r.problems.map((p) => p.vi).join(' | ')]));
      expect(problems[2]).toMatch(/Thiếu họ và tên/);
      expect(problems[3]).toMatch(/Không có hình thức khen thưởng "Huân chương"/);
      expect(problems[4]).toMatch(/Không có đợt "Đợt 9"/);
      expect(problems[5]).toBe('');
      expect(problems[6]).toMatch(/Trùng với dòng 5/);
      expect(problems[7]).toMatch(/Loại "Hội" không rõ.*\|.*Số lần hiến "nhiều"/);
      expect(planned.plan.counts).toEqual({ new: 1, changed: 0, same: 0, error: 5 });
    });

    it('again without its order or its "không hiển thị" column: nobody moves, nobody hidden is shown again; new rows go after the batch', () => {
      const rows = [
        ['Loại', 'Họ và tên', 'Đơn vị / Địa chỉ', 'Số lần hiến máu', 'Hình thức khen thưởng', 'Đợt'],
        ['Tập thể', 'Công ty May Hải Dương', '', 320, 'Bằng khen của Chủ tịch UBND tỉnh', 1],
        ['Cá nhân', 'Trần Văn Bình', 'Phường Trần Phú', 42, 'Bằng khen của Chủ tịch UBND tỉnh', 1],
        ['Cá nhân', 'Lê Thị Cúc', 'Xã Tân Hưng', 30, 'Bằng khen của Chủ tịch UBND tỉnh', 1],
        ['Cá nhân', 'Bùi Văn Dũng', 'Xã Ngọc Sơn', 25, 'Bằng khen của Chủ tịch UBND tỉnh', 1],
      ];
      const planned = planHonoureeImport(rows, state());
      if (!planned.ok) throw new Error(planned.en);
      expect(planned.plan.rows.map((r) => r.status)).toEqual(['same', 'same', 'same', 'new']);
      expect(planned.plan.rows[3]!.honouree?.order).toBe(4);
      // An explicit "không" shows her again.
      const shown = planHonoureeImport(
        [
          [...rows[0]!, 'Không hiển thị'],
          [...rows[3]!, 'không'],
        ],
        state(),
      );
      if (!shown.ok) throw new Error(shown.en);
      expect(shown.plan.rows[0]).toMatchObject({ status: 'changed', honouree: { name: 'Lê Thị Cúc' } });
      expect(shown.plan.rows[0]!.honouree?.hidden).toBeUndefined();
      // What the schemas refuse is refused here first, row by row.
      const tooFar = planHonoureeImport(
        [
          [...rows[0]!, 'Thứ tự'],
          [...rows[4]!, 20_000],
        ],
        state(),
      );
      if (!tooFar.ok) throw new Error(tooFar.en);
      expect(tooFar.plan.rows[0]!.problems.map((p) => p.field)).toEqual(['order']);
    });

    it('a sheet without the columns it needs is refused whole', () => {
      const planned = planHonoureeImport([['Họ và tên', 'Năm sinh']], state());
      expect(planned.ok).toBe(false);
    });
  });
});
