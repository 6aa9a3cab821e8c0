// Offset changes found to the second, where it decides the day: Chile's fall-back at local
// midnight (2025-04-06 00:00 -03 becomes 2025-04-05 23:00 -04) makes the hour after the
// change belong to the day before. And a page that is exactly full has no next page.
import { expect } from 'chai';
import { addActivity, coachGroupWithAthlete, createGroupVia, testApp, uniqueName } from '../support/world.js';

describe('offset changes and full last pages', () => {
  it('buckets the repeated hour of a midnight fall-back (America/Santiago) in the day before', async () => {
    const { request } = testApp({ clock: () => new Date('2025-04-08T12:00:00Z') });
    const { org, coach, athlete, groupId } = await coachGroupWithAthlete(request, 'Chile');
    await addActivity(org.id, athlete, { startTime: '2025-04-06T02:59:59Z', distance: 1000 }); // 04-05 23:59:59 -03
    await addActivity(org.id, athlete, { startTime: '2025-04-06T03:00:00Z', distance: 2000 }); // 04-05 23:00:00 -04
    await addActivity(org.id, athlete, { startTime: '2025-04-06T03:59:59Z', distance: 4000 }); // 04-05 23:59:59 -04
    await addActivity(org.id, athlete, { startTime: '2025-04-06T04:00:00Z', distance: 8000 }); // 04-06 00:00 -04
    // A range start off the 6-hour probe grid, so that only the search to the second finds 03:00:00Z.
    const from = Date.parse('2025-04-05T10:00:07Z') / 1000;
    const to = Date.parse('2025-04-07T00:00:00Z') / 1000;
    const response = await request
      .get(`/api/v1/groups/${groupId}/stats?range=custom&from_ts=${from}&to_ts=${to}&timezone=America/Santiago`)
      .set(coach);
    expect(response.status).to.equal(200);
    const perDay = Object.fromEntries(
      response.body.history.map((day: Record<string, unknown>) => [
        day.date,
        (day[athlete] as { distance: number } | undefined)?.distance ?? 0,
      ]),
    );
    expect(perDay).to.deep.equal({ '2025-04-05': 7, '2025-04-06': 8 });
  });

  it('finds both of the year’s offset changes (America/Santiago) to the second over a long custom range', async () => {
    const { request } = testApp({ clock: () => new Date('2025-10-05T12:00:00Z') });
    const { org, coach, athlete, groupId } = await coachGroupWithAthlete(request, 'Chile year');
    await addActivity(org.id, athlete, { startTime: '2025-04-06T03:00:00Z', distance: 2000 }); // 04-05 23:00 -04
    await addActivity(org.id, athlete, { startTime: '2025-04-06T04:00:00Z', distance: 8000 }); // 04-06 00:00 -04
    await addActivity(org.id, athlete, { startTime: '2025-06-15T03:30:00Z', distance: 64000 }); // 06-14 23:30 -04
    await addActivity(org.id, athlete, { startTime: '2025-09-07T03:30:00Z', distance: 16000 }); // 09-06 23:30 -04
    await addActivity(org.id, athlete, { startTime: '2025-09-07T04:00:00Z', distance: 32000 }); // 09-07 01:00 -03
    const from = Date.parse('2025-03-01T10:00:07Z') / 1000;
    const to = Date.parse('2025-10-01T00:00:00Z') / 1000;
    const response = await request
      .get(`/api/v1/groups/${groupId}/stats?range=custom&from_ts=${from}&to_ts=${to}&timezone=America/Santiago`)
      .set(coach);
    expect(response.status).to.equal(200);
    const active = response.body.history
      .filter((day: Record<string, unknown>) => day[athlete] !== undefined)
      .map((day: Record<string, unknown>) => [day.date, (day[athlete] as { distance: number }).distance]);
    expect(active).to.deep.equal([
      ['2025-04-05', 2],
      ['2025-04-06', 8],
      ['2025-06-14', 64],
      ['2025-09-06', 16],
      ['2025-09-07', 32],
    ]);
  });

  it('answers next_page_token null when the last page is exactly full', async () => {
    const { request } = testApp();
    const { org, coachId, coach, athlete, groupId } = await coachGroupWithAthlete(request, 'Full');
    await createGroupVia(request, coach, { name: uniqueName('Full'), user_id: coachId });
    await addActivity(org.id, athlete, { startTime: '2025-04-01T06:00:00Z' });
    await addActivity(org.id, athlete, { startTime: '2025-04-02T06:00:00Z' });

    const groups = await request.get('/api/v1/groups?page_size=2').set(coach);
    expect(groups.body.groups).to.have.length(2);
    expect(groups.body.next_page_token).to.equal(null);

    const activities = await request.get(`/api/v1/groups/${groupId}/activities?limit=2`).set(coach);
    expect(activities.status).to.equal(200);
    expect(activities.body.next_page_token).to.equal(null);

    // group.created and member.added
    const audit = await request.get(`/api/v1/groups/${groupId}/audit?page_size=2`).set(coach);
    expect(audit.body.events).to.have.length(2);
    expect(audit.body.next_page_token).to.equal(null);
  });
});
