import { describe, expect, it } from 'vitest';
import {
  BLOOD_TYPES,
  DonorDonated,
  DonorRegistered,
  EVENT_TYPES,
  NationalId,
  PAYLOAD_SCHEMAS,
  OCCURRED_AT_SKEW_MS,
  OCCURRED_AT_WINDOW_MS,
  Phone,
  parseSubmittedEvent,
  placeOccurredAt,
} from '../../shared/index.ts';
import type { ParsedEnvelope } from '../../shared/index.ts';

const ID = 'cli-0001-abc';

function submit(type: string, payload: unknown, id: string = ID): ParsedEnvelope {
  return parseSubmittedEvent({ id, type, payload });
}

function expectFailure(result: ParsedEnvelope, code: 'invalid_body' | 'unknown_type' | 'invalid_payload'): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(0);
  return result.message;
}

const donor = { donorId: 'd-001', fullName: 'Nguyễn Thị Lan', agencyId: 'soyte' };

/** Every v1 type (and the setup extension) with a minimal and a full valid payload. */
const VALID: Record<string, unknown[]> = {
  'donor.registered': [
    donor,
    { ...donor, phone: '0912345678', birthYear: 1990, bloodType: 'AB-', nationalId: '030190001234' },
    { ...donor, agencyId: 'walk-in', phone: '+84912345678' },
    { ...donor, gender: 'male', weightKg: 60, lastDonationDate: '2024-03-01', allowDuplicateName: true, birthYear: 1990 },
    { ...donor, consent: { dataProcessing: true, announceName: true }, importId: 'imp-1' },
    { ...donor, consent: { dataProcessing: false } },
  ],
  'donor.checked_in': [{ donorId: 'd-001' }],
  'donor.donated': [
    { donorId: 'd-001', volumeMl: 250 },
    { donorId: 'd-001', volumeMl: 350 },
    { donorId: 'd-001', volumeMl: 450 },
    { donorId: 'd-001', volumeMl: 350, secondDonationReason: 'Bác sĩ đồng ý: hiến tiểu cầu, không phải máu toàn phần' },
  ],
  'donor.deferred': [
    { donorId: 'd-001', reason: 'Huyết áp thấp' },
    { donorId: 'd-001', reason: 'Hb thấp', reasonCode: 'low_hemoglobin' },
    { donorId: 'd-001', reasonCode: 'blood_pressure' },
  ],
  'task.status_set': [
    { taskId: 't1', status: 'todo' },
    { taskId: 't1', status: 'in_progress', note: 'đang dựng' },
    { taskId: 't1', status: 'done', note: '' },
    { taskId: 't1', status: 'blocked' },
  ],
  'milestone.announced': [{ milestoneId: 'm-1000' }],
  'event.voided': [{ eventId: 'cli-0000-xyz', reason: 'nhập nhầm' }],
  'event.configured': [
    { name: 'Ngày hội', venue: 'Hải Dương', timezone: 'Asia/Ho_Chi_Minh', days: ['2024-07-19', '2024-07-20'], countOn: 'donated' },
    { name: 'Ngày hội', venue: 'Hải Dương', timezone: 'Asia/Ho_Chi_Minh', days: ['2024-07-19'], countOn: 'checkedIn', thankYouNames: true, celebrationSeconds: 3 },
    { name: 'Ngày hội', venue: 'Hải Dương', timezone: 'Asia/Ho_Chi_Minh', days: ['2024-07-19'], countOn: 'donated', thankYouNames: false, celebrationSeconds: 600 },
  ],
  'agency.upserted': [
    { agencyId: 'a', name: 'A', quota: null },
    { agencyId: 'a', name: 'A', nameEn: 'A', quota: { kind: 'count', count: 700 } },
    { agencyId: 'a', name: 'A', quota: { kind: 'percent_of_headcount', percent: 50, headcount: null } },
  ],
  'task.defined': [{ taskId: 't1', title: 'Dựng sân khấu', owner: 'soyte', phase: 'before', due: '2024-07-19T06:00:00+07:00' }],
  'donor.updated': [
    { donorId: 'd-001', phone: '0912345678' },
    {
      donorId: 'd-001',
      fullName: 'Nguyễn Thị Lan',
      agencyId: 'walk-in',
      birthYear: 1990,
      bloodType: 'O-',
      nationalId: '030190001234',
      gender: 'female',
      weightKg: 52.5,
      lastDonationDate: '2024-01-15',
    },
    { donorId: 'd-001', phone: null, birthYear: null, bloodType: null, nationalId: null, gender: null, weightKg: null, lastDonationDate: null },
    { donorId: 'd-001', announceName: false },
  ],
  'milestone.skipped': [{ milestoneId: 'donations-100' }],
  'milestone.rule_defined': [
    { ruleId: 'r1', label: 'Người thứ 50', metric: 'registered', threshold: 50 },
    { ruleId: 'r2', label: 'Sở Y tế 20', metric: 'donated', agencyId: 'soyte', threshold: 20, script: '{agency} đạt {n}' },
    { ruleId: 'r3', label: 'Check-in 1', metric: 'checkedIn', threshold: 1, script: '' },
  ],
  'milestone.template_set': [
    { kind: 'first_donation_of_day', text: 'Mở màn {day}' },
    { kind: 'donations', text: '{n}' },
    { kind: 'one_thousand', text: '{n}' },
    { kind: 'target', text: '{target}' },
    { kind: 'agency_half', text: '{agency}' },
    { kind: 'agency_quota', text: '{agency} {quota}' },
    { kind: 'custom', text: '{label}' },
  ],
  'wall.message_set': [{ text: 'Mời đoàn Sở Y tế lên sân khấu' }, { text: null }],
  'incident.reported': [
    { incidentId: 'inc-1', title: 'Mất điện sân khấu', severity: 'high' },
    { incidentId: 'inc-1', title: 'Mất điện', severity: 'critical', place: 'Sân khấu', taskId: 't1', note: 'Gọi điện lực' },
    { incidentId: 'inc-1', title: 't', severity: 'low' },
    { incidentId: 'inc-1', title: 't', severity: 'medium' },
  ],
  'incident.acknowledged': [{ incidentId: 'inc-1' }, { incidentId: 'inc-1', note: 'đang xử lý' }],
  'incident.resolved': [{ incidentId: 'inc-1' }, { incidentId: 'inc-1', note: 'đã có điện' }],
  'schedule.item_set': [
    { itemId: 'opening', title: 'Khai mạc', start: '2024-07-19T07:30:00+07:00', durationMin: 30 },
    { itemId: 'opening', title: 'Khai mạc', titleEn: 'Opening', start: '2024-07-19T00:30:00Z', durationMin: 0, note: 'Sân khấu chính' },
  ],
  'schedule.item_removed': [{ itemId: 'opening' }],
  'list.imported': [{ importId: 'imp-1', agencyId: 'soyte', fileName: 'danh-sach-so-y-te.xlsx', rows: 120 }],
  'donor.erased': [{ donorId: 'd-001', reason: 'Theo đơn yêu cầu ngày 2/8/2024, số 12/HCTĐ' }],
  'personal_data.expired': [{ registeredUpTo: '2024-10-18T17:00:00.000Z', reason: 'Hết thời hạn lưu 90 ngày' }],
  'event.mode_set': [{ mode: 'rehearsal' }, { mode: 'live' }],
  'donor.listed': [
    { donorId: 'd-001', agencyId: 'soyte' },
    { donorId: 'd-001', agencyId: 'soyte', importId: 'list-1' },
  ],
  'parade.checkpoint_set': [
    { checkpointId: 'start', order: 1, name: 'Quảng trường Độc Lập', kind: 'assembly', plannedAt: '2024-07-18T14:00:00+07:00' },
    { checkpointId: 'j1', order: 2, name: 'Ngã tư', nameEn: 'Crossroads', kind: 'junction', plannedAt: '2024-07-18T07:20:00Z', note: 'Chốt CSGT' },
  ],
  'parade.checkpoint_removed': [{ checkpointId: 'j1' }],
  'parade.passed': [{ checkpointId: 'j1' }],
  'parade.escort_set': [
    { memberId: 'car', name: 'Xe dẫn đoàn' },
    { memberId: 'cb1', name: 'Đại úy Nguyễn Văn An', unit: 'Công an thành phố', checkpointId: 'j1', post: 'chốt phía bắc', phone: '0912345678' },
  ],
  'parade.escort_removed': [{ memberId: 'cb1' }],
  'security.post_set': [
    { postId: 'gate-1', name: 'Cổng chính' },
    { postId: 'gate-1', name: 'Cổng chính', nameEn: 'Main gate', place: 'Đường Tôn Đức Thắng', note: 'Kiểm soát xe' },
  ],
  'security.post_removed': [{ postId: 'gate-1' }],
  'security.shift_set': [
    { shiftId: 's1', postId: 'gate-1', day: '2024-07-19', from: '06:00', to: '12:00', who: 'Tổ 1 — Công an phường' },
    { shiftId: 's1', postId: 'gate-1', day: '2024-07-19', from: '12:00', to: '18:30', who: 'Tổ 2', phone: '0912345678' },
  ],
  'security.shift_removed': [{ shiftId: 's1' }],
  'security.manned': [{ shiftId: 's1' }],
  'ceremony.awards_set': [{ awards: [{ awardId: 'bk', name: 'Bằng khen của Chủ tịch UBND tỉnh' }] }, { awards: [] }],
  'ceremony.batch_set': [
    { batchId: 'b1', order: 1, title: 'Đợt 1' },
    { batchId: 'b1', order: 1, title: 'Đợt 1', leader: 'đồng chí Chủ tịch UBND tỉnh' },
  ],
  'ceremony.batch_removed': [{ batchId: 'b1' }],
  'ceremony.honouree_set': [
    { honoureeId: 'h1', kind: 'individual', name: 'Trần Văn Bình', awardId: 'bk', batchId: 'b1', order: 1 },
    { honoureeId: 'h2', kind: 'collective', name: 'Công ty May', unit: 'KCN Đại An', donations: 300, awardId: 'bk', batchId: 'b1', order: 2, seat: 'A1', hidden: true, importId: 'imp-1' },
  ],
  'ceremony.honouree_erased': [{ honoureeId: 'h1', reason: 'Đơn số 3' }],
  'ceremony.dossier_set': [
    { honoureeId: 'h1', status: 'received' },
    { honoureeId: 'h1', status: 'decided', decisionNo: '12/QĐ-UBND', decisionDate: '2024-07-05', note: 'đủ' },
  ],
  'ceremony.arrived': [{ honoureeId: 'h1' }, { honoureeId: 'h1', representative: 'Phạm Văn Đức' }],
  'ceremony.batch_ready': [{ batchId: 'b1', item: 'certificates', ready: true }],
  'ceremony.batch_cued': [{ batchId: 'b1' }],
  'ceremony.batch_done': [{ batchId: 'b1' }],
  'ceremony.script_set': [{ batchId: 'b1', text: '' }],
  'ceremony.script_read': [{ batchId: 'b1' }],
  'list.reviewed': [
    { importId: 'imp-1', decision: 'accepted' },
    { importId: 'imp-1', decision: 'returned', note: 'Thiếu số điện thoại' },
  ],
  'agency.headcount_set': [
    { agencyId: 'sotp', headcount: 121 },
    { agencyId: 'sotp', headcount: 0 },
  ],
};

describe('parseSubmittedEvent: valid payloads', () => {
  it('covers every event type', () => {
    expect(Object.keys(VALID).sort()).toEqual([...EVENT_TYPES].sort());
  });

  for (const [type, payloads] of Object.entries(VALID)) {
    payloads.forEach((payload, i) => {
      it(`accepts ${type} #${i + 1}`, () => {
        const result = submit(type, payload);
        if (!result.ok) throw new Error(`rejected: ${result.message}`);
        expect(result.event).toEqual({ id: ID, type, payload });
      });
    });
  }

  it('trims fullName', () => {
    const result = submit('donor.registered', { ...donor, fullName: '  Trần Văn Nam  ' });
    expect(result.ok && result.event.type === 'donor.registered' && result.event.payload.fullName).toBe('Trần Văn Nam');
  });

  it('accepts fullName of exactly 120 characters after trimming, even with padding', () => {
    const name = 'a'.repeat(120);
    expect(submit('donor.registered', { ...donor, fullName: `   ${name}   ` }).ok).toBe(true);
  });

  it('accepts ids of 1 and 64 characters, client ids of 8 and 64', () => {
    expect(submit('donor.checked_in', { donorId: 'x' }).ok).toBe(true);
    expect(submit('donor.checked_in', { donorId: 'x'.repeat(64) }).ok).toBe(true);
    expect(submit('donor.checked_in', { donorId: 'x' }, '12345678').ok).toBe(true);
    expect(submit('donor.checked_in', { donorId: 'x' }, 'i'.repeat(64)).ok).toBe(true);
  });
});

describe('parseSubmittedEvent: envelope (invalid_body)', () => {
  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [ID, 'donor.checked_in']],
    ['a number', 42],
  ])('rejects a body that is %s', (_label, body) => {
    expectFailure(parseSubmittedEvent(body), 'invalid_body');
  });

  it('rejects a missing id and names it', () => {
    const message = expectFailure(parseSubmittedEvent({ type: 'donor.checked_in', payload: { donorId: 'd' } }), 'invalid_body');
    expect(message).toMatch(/^id: /);
  });

  it('rejects a client id shorter than 8 or longer than 64 characters', () => {
    expect(expectFailure(submit('donor.checked_in', { donorId: 'd' }, '1234567'), 'invalid_body')).toContain('id: must be 8-64 characters');
    expect(expectFailure(submit('donor.checked_in', { donorId: 'd' }, 'i'.repeat(65)), 'invalid_body')).toContain('id: must be 8-64 characters');
  });

  it('rejects a client id with spaces or non-ASCII', () => {
    expect(expectFailure(submit('donor.checked_in', { donorId: 'd' }, 'abc defgh'), 'invalid_body')).toContain('printable ASCII');
    expectFailure(submit('donor.checked_in', { donorId: 'd' }, 'nguyễn-0001'), 'invalid_body');
  });

  it('rejects a non-string id or type', () => {
    expectFailure(parseSubmittedEvent({ id: 12345678, type: 'donor.checked_in', payload: {} }), 'invalid_body');
    expectFailure(parseSubmittedEvent({ id: ID, type: 7, payload: {} }), 'invalid_body');
  });

  it('rejects an unknown envelope field and names it', () => {
    const message = expectFailure(parseSubmittedEvent({ id: ID, type: 'donor.checked_in', payload: { donorId: 'd' }, seq: 3 }), 'invalid_body');
    expect(message).toContain('unknown field');
    expect(message).toContain('"seq"');
  });
});

describe('parseSubmittedEvent: unknown_type', () => {
  it('rejects an unknown type, keeps the id, and lists the known ones', () => {
    const result = submit('donor.teleported', { donorId: 'd' });
    const message = expectFailure(result, 'unknown_type');
    expect(!result.ok && result.id).toBe(ID);
    expect(message).toContain('"donor.teleported"');
    for (const type of EVENT_TYPES) expect(message).toContain(type);
  });

  it('does not treat Object.prototype names as types', () => {
    expectFailure(submit('constructor', {}), 'unknown_type');
    expectFailure(submit('__proto__', {}), 'unknown_type');
    expectFailure(submit('toString', {}), 'unknown_type');
  });

  it('is case-sensitive', () => {
    expectFailure(submit('Donor.Registered', donor), 'unknown_type');
  });
});

describe('parseSubmittedEvent: invalid_payload', () => {
  it('rejects an unknown payload field and names it', () => {
    const result = submit('donor.registered', { ...donor, email: 'lan@example.vn' });
    const message = expectFailure(result, 'invalid_payload');
    expect(!result.ok && result.id).toBe(ID);
    expect(message).toContain('"email"');
    expect(message).toContain('unknown field');
    expect(message).toMatch(/^payload: /);
  });

  it('rejects "__proto__" and "constructor" keys from parsed JSON as unknown fields', () => {
    const body = (payload: string) => JSON.parse(`{"id":"${ID}","type":"donor.checked_in","payload":${payload}}`);
    expect(expectFailure(parseSubmittedEvent(body('{"donorId":"d","__proto__":{"x":1}}')), 'invalid_payload')).toContain('"__proto__"');
    expect(expectFailure(parseSubmittedEvent(body('{"donorId":"d","constructor":1}')), 'invalid_payload')).toContain('"constructor"');
    const envelope = JSON.parse(`{"id":"${ID}","type":"donor.checked_in","payload":{"donorId":"d"},"__proto__":{"x":1}}`);
    expect(expectFailure(parseSubmittedEvent(envelope), 'invalid_body')).toContain('"__proto__"');
  });

  it('rejects unknown fields in every payload type', () => {
    for (const [type, payloads] of Object.entries(VALID)) {
      const message = expectFailure(submit(type, { ...(payloads[0] as object), zzz: 1 }), 'invalid_payload');
      expect(message, type).toContain('"zzz"');
    }
  });

  it('rejects a missing or non-object payload', () => {
    // A missing payload key is an envelope problem; a payload of the wrong shape is a payload problem.
    expect(expectFailure(parseSubmittedEvent({ id: ID, type: 'donor.checked_in' }), 'invalid_body')).toMatch(/^payload: /);
    expectFailure(submit('donor.checked_in', null), 'invalid_payload');
    expectFailure(submit('donor.checked_in', 'd-001'), 'invalid_payload');
    expectFailure(submit('donor.checked_in', ['d-001']), 'invalid_payload');
  });

  it('rejects a missing required field and names it', () => {
    expect(expectFailure(submit('donor.registered', { donorId: 'd', agencyId: 'a' }), 'invalid_payload')).toContain('payload.fullName');
    expect(expectFailure(submit('donor.donated', { donorId: 'd' }), 'invalid_payload')).toContain('payload.volumeMl');
    expect(expectFailure(submit('donor.deferred', { donorId: 'd' }), 'invalid_payload')).toContain('payload.reason');
    expect(expectFailure(submit('event.voided', { eventId: 'e' }), 'invalid_payload')).toContain('payload.reason');
  });

  it('rejects wrong types and names the field', () => {
    expect(expectFailure(submit('donor.checked_in', { donorId: 42 }), 'invalid_payload')).toContain('payload.donorId');
    expect(expectFailure(submit('donor.registered', { ...donor, birthYear: '1990' }), 'invalid_payload')).toContain('payload.birthYear');
    expect(expectFailure(submit('donor.registered', { ...donor, birthYear: 1990.5 }), 'invalid_payload')).toContain('payload.birthYear');
    expect(expectFailure(submit('donor.registered', { ...donor, phone: 912345678 }), 'invalid_payload')).toContain('payload.phone');
    expect(expectFailure(submit('donor.registered', { ...donor, fullName: null }), 'invalid_payload')).toContain('payload.fullName');
    expect(expectFailure(submit('task.status_set', { taskId: 't', status: 'done', note: 5 }), 'invalid_payload')).toContain('payload.note');
  });

  it('rejects a task status outside todo / in_progress / done / blocked', () => {
    expect(expectFailure(submit('task.status_set', { taskId: 't', status: 'cancelled' }), 'invalid_payload')).toContain('payload.status');
  });

  describe('phone: 0 or +84 then 9 digits', () => {
    it.each(['0912345678', '0241234567', '+84912345678'])('accepts %s', (phone) => {
      expect(Phone.safeParse(phone).success).toBe(true);
      expect(submit('donor.registered', { ...donor, phone }).ok).toBe(true);
    });
    it.each([
      '912345678', // no prefix
      '091234567', // 0 + 8 digits
      '09123456789', // 0 + 10 digits
      '+8491234567', // +84 + 8 digits
      '+840912345678', // +84 + 10 digits
      '84912345678', // 84 without +
      '0912 345 678',
      '0912-345-678',
      '09123456a8',
      '',
      ' 0912345678',
    ])('rejects %j with a message naming payload.phone', (phone) => {
      expect(Phone.safeParse(phone).success).toBe(false);
      expect(expectFailure(submit('donor.registered', { ...donor, phone }), 'invalid_payload')).toBe('payload.phone: must be 0 or +84 followed by 9 digits');
    });
  });

  describe('nationalId: 12-digit CCCD', () => {
    it('accepts 12 digits', () => {
      expect(NationalId.safeParse('001234567890').success).toBe(true);
    });
    it.each(['00123456789', '0012345678901', '00123456789a', '001 234 567 890', '', '١٢٣٤٥٦٧٨٩٠١٢'])('rejects %j', (nationalId) => {
      expect(expectFailure(submit('donor.registered', { ...donor, nationalId }), 'invalid_payload')).toBe('payload.nationalId: must be a 12-digit CCCD number');
    });
    it('rejects a number instead of a string', () => {
      expect(NationalId.safeParse(123456789012).success).toBe(false);
    });
  });

  it('(issue 18) bloodGroup: the ABO group alone (the Rh unknown); workplace: where the person works', () => {
    for (const bloodGroup of ['O', 'A', 'B', 'AB']) expect(DonorRegistered.safeParse({ ...donor, bloodGroup, workplace: 'Công ty CP Sứ Hải Dương' }).success, bloodGroup).toBe(true);
    for (const bloodGroup of ['O+', 'o', 'C']) expect(DonorRegistered.safeParse({ ...donor, bloodGroup }).success, bloodGroup).toBe(false);
    expect(DonorRegistered.safeParse({ ...donor, workplace: '' }).success).toBe(false);
  });

  describe('bloodType: one of the eight', () => {
    it('has exactly the eight ABO/Rh types', () => {
      expect([...BLOOD_TYPES].sort()).toEqual(['A+', 'A-', 'AB+', 'AB-', 'B+', 'B-', 'O+', 'O-']);
    });
    it.each([...BLOOD_TYPES])('accepts %s', (bloodType) => {
      expect(DonorRegistered.safeParse({ ...donor, bloodType }).success).toBe(true);
    });
    it.each(['AB', 'O', 'o+', 'A+ ', 'A1+', 'Rh-', ''])('rejects %j', (bloodType) => {
      expect(expectFailure(submit('donor.registered', { ...donor, bloodType }), 'invalid_payload')).toContain('payload.bloodType');
    });
  });

  describe('volumeMl: 250, 350 or 450', () => {
    it.each([0, 200, 300, 349, 351, 500, 350.5, -350])('rejects %d with a message listing the volumes', (volumeMl) => {
      expect(DonorDonated.safeParse({ donorId: 'd', volumeMl }).success).toBe(false);
      expect(expectFailure(submit('donor.donated', { donorId: 'd', volumeMl }), 'invalid_payload')).toBe('payload.volumeMl: must be 250, 350 or 450');
    });
    it('rejects a numeric string', () => {
      expectFailure(submit('donor.donated', { donorId: 'd', volumeMl: '350' }), 'invalid_payload');
    });
  });

  describe('fullName: 1-120 characters after trimming', () => {
    it.each(['', '   ', '\t\n '])('rejects blank %j', (fullName) => {
      expect(expectFailure(submit('donor.registered', { ...donor, fullName }), 'invalid_payload')).toBe('payload.fullName: must not be empty');
    });
    it('rejects 121 characters', () => {
      expect(expectFailure(submit('donor.registered', { ...donor, fullName: 'a'.repeat(121) }), 'invalid_payload')).toBe('payload.fullName: must be at most 120 characters');
    });
  });

  describe('ids: 1-64 characters', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['donor.registered', { ...donor }, 'donorId'],
      ['donor.registered', { ...donor }, 'agencyId'],
      ['donor.checked_in', { donorId: 'd' }, 'donorId'],
      ['donor.donated', { donorId: 'd', volumeMl: 350 }, 'donorId'],
      ['donor.deferred', { donorId: 'd', reason: 'r' }, 'donorId'],
      ['task.status_set', { taskId: 't', status: 'done' }, 'taskId'],
      ['milestone.announced', { milestoneId: 'm' }, 'milestoneId'],
      ['event.voided', { eventId: 'e', reason: 'r' }, 'eventId'],
      ['donor.updated', { donorId: 'd', phone: null }, 'donorId'],
      ['donor.updated', { donorId: 'd', phone: null }, 'agencyId'],
      ['milestone.skipped', { milestoneId: 'm' }, 'milestoneId'],
      ['milestone.rule_defined', { ruleId: 'r', label: 'l', metric: 'donated', threshold: 1 }, 'ruleId'],
      ['milestone.rule_defined', { ruleId: 'r', label: 'l', metric: 'donated', threshold: 1 }, 'agencyId'],
      ['incident.reported', { incidentId: 'i', title: 't', severity: 'low' }, 'incidentId'],
      ['incident.reported', { incidentId: 'i', title: 't', severity: 'low' }, 'taskId'],
      ['incident.acknowledged', { incidentId: 'i' }, 'incidentId'],
      ['incident.resolved', { incidentId: 'i' }, 'incidentId'],
      ['schedule.item_set', { itemId: 's', title: 't', start: '2024-07-19T07:30:00+07:00', durationMin: 1 }, 'itemId'],
      ['schedule.item_removed', { itemId: 's' }, 'itemId'],
    ];
    it.each(cases)('%s rejects a 65-character %s', (type, payload, field) => {
      expect(expectFailure(submit(type, { ...payload, [field]: 'x'.repeat(65) }), 'invalid_payload')).toBe(`payload.${field}: must be at most 64 characters`);
    });
    it.each(cases)('%s rejects an empty %s', (type, payload, field) => {
      expect(expectFailure(submit(type, { ...payload, [field]: '' }), 'invalid_payload')).toBe(`payload.${field}: must not be empty`);
    });
  });

  it('rejects a blank void reason or deferral reason', () => {
    expect(expectFailure(submit('event.voided', { eventId: 'e', reason: '  ' }), 'invalid_payload')).toContain('payload.reason');
    expect(expectFailure(submit('donor.deferred', { donorId: 'd', reason: '' }), 'invalid_payload')).toContain('payload.reason');
  });

  it('rejects setup payloads that break their schema', () => {
    expectFailure(submit('agency.upserted', { agencyId: 'a', name: 'A', quota: { kind: 'count', count: -1 } }), 'invalid_payload');
    expectFailure(submit('agency.upserted', { agencyId: 'a', name: 'A', quota: { kind: 'percent_of_headcount', percent: 0, headcount: 10 } }), 'invalid_payload');
    expectFailure(submit('event.configured', { ...(VALID['event.configured']![0] as object), days: ['19/07/2024'] }), 'invalid_payload');
    expectFailure(submit('event.configured', { ...(VALID['event.configured']![0] as object), countOn: 'registered' }), 'invalid_payload');
    expectFailure(submit('task.defined', { ...(VALID['task.defined']![0] as object), due: '2024-07-19T06:00:00' }), 'invalid_payload');
  });

  it('reports at most five issues, joined in one line', () => {
    const result = submit('donor.registered', {
      donorId: '',
      fullName: '',
      agencyId: '',
      phone: 'x',
      nationalId: 'y',
      bloodType: 'Z',
      birthYear: 'w',
    });
    const message = expectFailure(result, 'invalid_payload');
    expect(message.split('; ')).toHaveLength(5);
    expect(message).not.toContain('\n');
  });
});

describe('PAYLOAD_SCHEMAS', () => {
  it('are strict objects for every type', () => {
    for (const type of EVENT_TYPES) {
      const first = VALID[type]![0] as object;
      expect(PAYLOAD_SCHEMAS[type].safeParse(first).success, type).toBe(true);
      expect(PAYLOAD_SCHEMAS[type].safeParse({ ...first, extra: true }).success, type).toBe(false);
    }
  });
});

describe('payloads of v1.1', () => {
  it('donor.deferred takes a reasonCode, a reason, or both, never neither', () => {
    expect(expectFailure(submit('donor.deferred', { donorId: 'd' }), 'invalid_payload')).toContain('reasonCode');
    expect(expectFailure(submit('donor.deferred', { donorId: 'd', reasonCode: 'tired' }), 'invalid_payload')).toContain('payload.reasonCode');
    expect(expectFailure(submit('donor.deferred', { donorId: 'd', reason: '  ' }), 'invalid_payload')).toContain('payload.reason');
  });

  it("consent needs dataProcessing; a client may not send the door's fields (hash, last 4 digits) itself", () => {
    expect(expectFailure(submit('donor.registered', { ...donor, consent: { announceName: true } }), 'invalid_payload')).toContain('payload.consent.dataProcessing');
    expect(expectFailure(submit('donor.registered', { ...donor, nationalIdHash: 'x' }), 'invalid_payload')).toContain('"nationalIdHash"');
    expect(expectFailure(submit('donor.registered', { ...donor, nationalIdLast4: '1234' }), 'invalid_payload')).toContain('"nationalIdLast4"');
    expect(expectFailure(submit('donor.registered', { ...donor, erased: true }), 'invalid_payload')).toContain('"erased"');
  });

  it('donor.erased needs a reason; personal_data.expired an instant with an offset', () => {
    expect(expectFailure(submit('donor.erased', { donorId: 'd' }), 'invalid_payload')).toContain('payload.reason');
    expect(expectFailure(submit('personal_data.expired', { registeredUpTo: '2024-10-18', reason: 'x' }), 'invalid_payload')).toContain('payload.registeredUpTo');
  });
});

describe('payloads of the extensions', () => {
  it('donor.updated must change at least one field; null clears, undefined is not a value', () => {
    expect(expectFailure(submit('donor.updated', { donorId: 'd' }), 'invalid_payload')).toContain('at least one field');
    expect(submit('donor.updated', { donorId: 'd', bloodType: null }).ok).toBe(true);
    // fullName and agencyId cannot be cleared.
    expect(expectFailure(submit('donor.updated', { donorId: 'd', fullName: null }), 'invalid_payload')).toContain('payload.fullName');
    expect(expectFailure(submit('donor.updated', { donorId: 'd', agencyId: null }), 'invalid_payload')).toContain('payload.agencyId');
    // Its fields are checked like at registration.
    expect(expectFailure(submit('donor.updated', { donorId: 'd', phone: '12345' }), 'invalid_payload')).toContain('payload.phone');
    expect(expectFailure(submit('donor.updated', { donorId: 'd', nationalId: '123' }), 'invalid_payload')).toContain('payload.nationalId');
    expect(expectFailure(submit('donor.updated', { donorId: 'd', fullName: '   ' }), 'invalid_payload')).toContain('payload.fullName');
    expect(expectFailure(submit('donor.updated', { donorId: 'd', email: 'x' }), 'invalid_payload')).toContain('"email"');
  });

  it('donor details: gender female|male, weightKg 20-250, lastDonationDate YYYY-MM-DD', () => {
    for (const type of ['donor.registered', 'donor.updated']) {
      const base = type === 'donor.registered' ? donor : { donorId: 'd' };
      expect(expectFailure(submit(type, { ...base, gender: 'other' }), 'invalid_payload')).toContain('payload.gender');
      expect(expectFailure(submit(type, { ...base, weightKg: 19.9 }), 'invalid_payload')).toContain('payload.weightKg');
      expect(expectFailure(submit(type, { ...base, weightKg: 250.1 }), 'invalid_payload')).toContain('payload.weightKg');
      expect(submit(type, { ...base, weightKg: 20 }).ok).toBe(true);
      expect(submit(type, { ...base, weightKg: 250 }).ok).toBe(true);
      expect(expectFailure(submit(type, { ...base, lastDonationDate: '15/01/2024' }), 'invalid_payload')).toContain('payload.lastDonationDate');
    }
    expect(expectFailure(submit('donor.registered', { ...donor, allowDuplicateName: 'yes' }), 'invalid_payload')).toContain('payload.allowDuplicateName');
  });

  it('donor.deferred reasonCode is one of the desk list', () => {
    expect(expectFailure(submit('donor.deferred', { donorId: 'd', reason: 'r', reasonCode: 'tired' }), 'invalid_payload')).toContain('payload.reasonCode');
    for (const reasonCode of ['low_hemoglobin', 'blood_pressure', 'weight', 'recent_illness', 'medication', 'too_soon', 'other']) {
      expect(submit('donor.deferred', { donorId: 'd', reason: 'r', reasonCode }).ok, reasonCode).toBe(true);
    }
  });

  it('event.configured celebrationSeconds is an integer 3-600', () => {
    const base = VALID['event.configured']![0] as object;
    for (const celebrationSeconds of [2, 601, 5.5]) {
      expect(expectFailure(submit('event.configured', { ...base, celebrationSeconds }), 'invalid_payload')).toContain('payload.celebrationSeconds');
    }
    expect(expectFailure(submit('event.configured', { ...base, thankYouNames: 1 }), 'invalid_payload')).toContain('payload.thankYouNames');
  });

  it('milestone.rule_defined: metric donated|checkedIn|registered, integer threshold ≥ 1, label not blank', () => {
    const base = { ruleId: 'r', label: 'l', metric: 'donated', threshold: 5 };
    expect(expectFailure(submit('milestone.rule_defined', { ...base, metric: 'deferred' }), 'invalid_payload')).toContain('payload.metric');
    expect(expectFailure(submit('milestone.rule_defined', { ...base, threshold: 0 }), 'invalid_payload')).toContain('payload.threshold');
    expect(expectFailure(submit('milestone.rule_defined', { ...base, threshold: 1.5 }), 'invalid_payload')).toContain('payload.threshold');
    expect(expectFailure(submit('milestone.rule_defined', { ...base, label: ' ' }), 'invalid_payload')).toContain('payload.label');
  });

  it('milestone.template_set: a known kind and a text', () => {
    expect(expectFailure(submit('milestone.template_set', { kind: 'donations-100', text: 'x' }), 'invalid_payload')).toContain('payload.kind');
    expect(expectFailure(submit('milestone.template_set', { kind: 'custom', text: '' }), 'invalid_payload')).toContain('payload.text');
  });

  it('wall.message_set: 1-200 characters or null, never absent', () => {
    expect(expectFailure(submit('wall.message_set', {}), 'invalid_payload')).toContain('payload.text');
    expect(expectFailure(submit('wall.message_set', { text: '  ' }), 'invalid_payload')).toContain('payload.text');
    expect(expectFailure(submit('wall.message_set', { text: 'x'.repeat(201) }), 'invalid_payload')).toContain('payload.text');
    expect(submit('wall.message_set', { text: 'x'.repeat(200) }).ok).toBe(true);
  });

  it('incident.reported: severity low|medium|high|critical; title not blank', () => {
    expect(expectFailure(submit('incident.reported', { incidentId: 'i', title: 't', severity: 'urgent' }), 'invalid_payload')).toContain('payload.severity');
    expect(expectFailure(submit('incident.reported', { incidentId: 'i', title: '', severity: 'low' }), 'invalid_payload')).toContain('payload.title');
  });

  it('schedule.item_set: start is an ISO instant with offset, durationMin an integer 0-1440', () => {
    const base = { itemId: 's', title: 't', start: '2024-07-19T07:30:00+07:00', durationMin: 30 };
    expect(expectFailure(submit('schedule.item_set', { ...base, start: '2024-07-19T07:30:00' }), 'invalid_payload')).toContain('payload.start');
    expect(expectFailure(submit('schedule.item_set', { ...base, start: '7:30' }), 'invalid_payload')).toContain('payload.start');
    expect(expectFailure(submit('schedule.item_set', { ...base, durationMin: -1 }), 'invalid_payload')).toContain('payload.durationMin');
    expect(expectFailure(submit('schedule.item_set', { ...base, durationMin: 1441 }), 'invalid_payload')).toContain('payload.durationMin');
    expect(submit('schedule.item_set', { ...base, durationMin: 1440 }).ok).toBe(true);
  });
});

describe('occurredAt (v1.1): the time of action on the device', () => {
  const envelope = (occurredAt: unknown) => ({ id: ID, type: 'donor.checked_in', payload: { donorId: 'd' }, occurredAt });

  it('is optional; when sent it is kept on the parsed event as sent (the server places it)', () => {
    const without = parseSubmittedEvent({ id: ID, type: 'donor.checked_in', payload: { donorId: 'd' } });
    expect(without.ok && !('occurredAt' in without.event)).toBe(true);
    const sent = parseSubmittedEvent(envelope('2024-07-19T08:30:00+07:00'));
    expect(sent.ok && sent.event.occurredAt).toBe('2024-07-19T08:30:00+07:00');
    expect(parseSubmittedEvent(envelope('2024-07-19T01:30:00.250Z')).ok).toBe(true);
  });

  it('without a time zone, or not a time: invalid_body with one message', () => {
    for (const bad of ['2024-07-19T08:30:00', '2024-07-19', 'now', 0, null, '2024-13-01T00:00:00Z']) {
      expect(expectFailure(parseSubmittedEvent(envelope(bad)), 'invalid_body')).toBe('occurredAt: must be an ISO 8601 time with a time zone, e.g. 2024-07-19T08:30:00+07:00');
    }
  });

  it('placeOccurredAt: as sent within [receive − window, receive + skew], else the nearest bound and a flag', () => {
    const received = Date.parse('2024-07-19T03:00:00.000Z');
    expect(placeOccurredAt(received - 1, received)).toEqual({ occurredAt: '2024-07-19T02:59:59.999Z' });
    expect(placeOccurredAt(received + OCCURRED_AT_SKEW_MS, received)).toEqual({ occurredAt: '2024-07-19T03:02:00.000Z' });
    expect(placeOccurredAt(received + OCCURRED_AT_SKEW_MS + 1, received)).toEqual({ occurredAt: '2024-07-19T03:02:00.000Z', flag: 'clock_ahead' });
    expect(placeOccurredAt(received - OCCURRED_AT_WINDOW_MS, received)).toEqual({ occurredAt: '2024-07-17T03:00:00.000Z' });
    expect(placeOccurredAt(received - OCCURRED_AT_WINDOW_MS - 1, received)).toEqual({ occurredAt: '2024-07-17T03:00:00.000Z', flag: 'too_old' });
    expect(placeOccurredAt(Number.NaN, received).flag).toBe('too_old');
  });
});
