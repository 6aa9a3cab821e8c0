// Events as partners read them (src/wire/events.ts): a group's events name the group, an
// endpoint's the endpoint; the feed refuses a ping, which it never lists.
import { expect } from 'chai';
import { eventResource, feedEventResource, type StoredEvent } from '../../../src/wire/events.js';

const subject = { orgId: 'org_1', createdAt: new Date('2026-12-08T10:00:00.000Z'), sequence: 3 };

describe('events on the wire', () => {
  it("names a group's event by group_id, with its data as stored", () => {
    const event: StoredEvent = {
      ...subject,
      id: 'evt_1',
      subjectId: 'grp_1',
      type: 'group.deleted',
      data: { name: 'Tuesday speed', members: ['usr_a'], actor_id: 'usr_c', audit_event_ids: ['aud_1'] },
    };
    expect(feedEventResource(event)).to.deep.equal({
      id: 'evt_1',
      created_at: '2026-12-08T10:00:00.000Z',
      org_id: 'org_1',
      sequence: 3,
      group_id: 'grp_1',
      type: 'group.deleted',
      data: event.data,
    });
  });

  it("names an endpoint's event by endpoint_id", () => {
    const event: StoredEvent = {
      ...subject,
      id: 'evt_2',
      subjectId: 'whe_1',
      type: 'webhook_endpoint.resumed',
      data: { origin: 'https://hooks.example', paused_since: '2026-12-08T09:00:00.000Z' },
    };
    expect(eventResource(event)).to.deep.include({ endpoint_id: 'whe_1', type: 'webhook_endpoint.resumed' });
    expect(eventResource(event)).to.not.have.property('group_id');
  });

  it('refuses a ping in the change feed, naming it', () => {
    const ping: StoredEvent = {
      ...subject,
      id: 'evt_3',
      subjectId: 'whe_1',
      type: 'webhook_endpoint.ping',
      data: { url: 'https://hooks.example/in', reason: 'test' },
    };
    expect(eventResource(ping)).to.deep.include({ type: 'webhook_endpoint.ping', endpoint_id: 'whe_1' });
    expect(() => feedEventResource(ping)).to.throw('ping evt_3 in the change feed');
  });
});
