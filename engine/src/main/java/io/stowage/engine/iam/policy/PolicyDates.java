package io.stowage.engine.iam.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Dates as policies and condition keys write them: epoch seconds ("1700000000", as in
 * aws:EpochTime) or the W3C profile of ISO 8601, from "2024-05" to "2024-05-01T12:30:00.5+02:00"
 * (a bare year would read as epoch seconds). A date without a zone is UTC; a date without a time
 * is the start of that day.
 */
final class PolicyDates {

    private PolicyDates() {
    }

    static Optional<Instant> parse(String text) {
        if (text.matches("-?\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
        }
        try {
            return Optional.of(switch (text.length()) {
                case 7 -> YearMonth.parse(text).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                case 10 -> LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                default -> hasZone(text)
                        ? OffsetDateTime.parse(text).toInstant()
                        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            });
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean hasZone(String text) {
        int timeStart = text.indexOf('T');
        return timeStart > 0 && (text.endsWith("Z") || text.indexOf('+', timeStart) > 0 || text.indexOf('-', timeStart) > 0);
    }
}
