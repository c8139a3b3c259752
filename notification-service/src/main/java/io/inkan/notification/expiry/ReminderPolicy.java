package io.inkan.notification.expiry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * When expiry reminders go (docs/contract.md §7, after Boulder's expiration-mailer, docs/design.md §4), as a pure
 * rule: the schedule reads what it knows, asks, and acts on the answer in one transaction.
 *
 * <ul>
 *   <li>One reminder per configured offset, due at notAfter − offset. An offset that was already past when the
 *       certificate was issued (a 30-day certificate and {@code P40D}) is not scheduled: the issuance mail already
 *       names the expiry date, and a reminder right after it would only be noise.
 *   <li>A certificate already expired when its issuance is heard of gets none; one that expires before its reminder
 *       goes gets none either.
 *   <li>A certificate replaced by a newer issuance for the same user, revoked or expired leaves the schedule: its
 *       unsent reminders are cancelled (sent ones stay as the record). An issuance older than one already known for
 *       the user is replaced from the start.
 *   <li>Catch-up: reminders that came due while the service was down still go, late but once. If several
 *       reminders of one certificate are due at once, only the nearest to expiry goes; the others are skipped
 *       (no flood).
 * </ul>
 */
final class ReminderPolicy {
    private final List<NoticeOffset> offsets;

    ReminderPolicy(List<NoticeOffset> offsets) {
        this.offsets = List.copyOf(offsets);
    }

    /** A certificate as the schedule knows it. */
    record Certificate(String serialNumber, Instant notAfter) {}

    /** A reminder to schedule. */
    record Reminder(NoticeOffset offset, Instant dueAt) {}

    /**
     * What the schedule does on hearing of an issuance.
     *
     * @param replacesOthers whether the user's other certificates leave the schedule (their unsent reminders go)
     * @param reminders the reminders to schedule for the new certificate
     */
    record Plan(boolean replacesOthers, List<Reminder> reminders) {}

    /** What becomes of a reminder whose due time has come. */
    enum Verdict {
        /** Mail it and stamp it SENT. */
        SEND,
        /** A reminder nearer to expiry is due too: stamp this one SKIPPED and send nothing. */
        SKIP,
        /** The certificate expired before the reminder could go: forget the reminder. */
        DROP
    }

    /**
     * @param issued the new certificate
     * @param issuedAt when it was issued
     * @param othersOfUser the user's other certificates the schedule knows
     * @param now when the issuance is heard of
     */
    Plan onIssued(Certificate issued, Instant issuedAt, Collection<Certificate> othersOfUser, Instant now) {
        boolean newerKnown = othersOfUser.stream()
                .anyMatch(other -> !other.serialNumber().equals(issued.serialNumber())
                        && other.notAfter().isAfter(issued.notAfter()));
        if (newerKnown) {
            return new Plan(false, List.of()); // an older issuance arriving late: replaced already
        }
        if (!issued.notAfter().isAfter(now)) {
            return new Plan(true, List.of()); // expired when we heard of it: nothing to remind of
        }
        List<Reminder> reminders = offsets.stream()
                .map(offset -> new Reminder(offset, offset.dueFor(issued.notAfter())))
                .filter(reminder -> reminder.dueAt().isAfter(issuedAt))
                .toList();
        return new Plan(true, reminders);
    }

    /**
     * @param notAfter the certificate's notAfter
     * @param dueAt when this reminder came due
     * @param unsentDueTimes when the certificate's other unsent reminders are (or were) due
     * @param now the scan's time
     */
    Verdict onDue(Instant notAfter, Instant dueAt, Collection<Instant> unsentDueTimes, Instant now) {
        if (!notAfter.isAfter(now)) {
            return Verdict.DROP;
        }
        boolean nearerDue = unsentDueTimes.stream().anyMatch(t -> t.isAfter(dueAt) && !t.isAfter(now));
        return nearerDue ? Verdict.SKIP : Verdict.SEND;
    }
}
