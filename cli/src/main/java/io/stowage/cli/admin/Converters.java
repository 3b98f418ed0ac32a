package io.stowage.cli.admin;

import io.stowage.admin.client.Access;
import io.stowage.admin.client.KeyGrant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers of `stowage admin` arguments; their messages become picocli usage errors. */
final class Converters {

    private Converters() {
    }

    /** A byte count: a whole number with an optional B, KiB, MiB, GiB, TiB or PiB suffix. */
    static final class SizeArg implements ITypeConverter<Long> {

        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]i)?b?", Pattern.CASE_INSENSITIVE);

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException("expected a size in bytes, optionally with KiB, MiB, GiB, TiB or PiB, not '" + value + "'");
            }
            int shift = m.group(2) == null ? 0 : 10 * ("kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT).charAt(0)) + 1);
            try {
                long number = Long.parseLong(m.group(1));
                if (number > Long.MAX_VALUE >> shift) {
                    throw new NumberFormatException();
                }
                return number << shift;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("size too large: '" + value + "'");
            }
        }
    }

    /** A count of objects: a whole number, 0 or more. */
    static final class CountArg implements ITypeConverter<Long> {

        @Override
        public Long convert(String value) {
            try {
                long count = Long.parseLong(value.strip());
                if (count >= 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expected a whole number, 0 or more, not '" + value + "'");
        }
    }

    static final class AccessArg implements ITypeConverter<Access> {

        @Override
        public Access convert(String value) {
            try {
                return Access.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BucketPathArg implements ITypeConverter<BucketPath> {

        @Override
        public BucketPath convert(String value) {
            try {
                return BucketPath.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** BUCKET[/PREFIX]=ACCESS, split at the last '=' (prefixes may contain one; access names do not). */
    static final class KeyGrantArg implements ITypeConverter<KeyGrant> {

        @Override
        public KeyGrant convert(String value) {
            int eq = value.lastIndexOf('=');
            if (eq < 0) {
                throw new TypeConversionException("expected BUCKET[/PREFIX]=read|write|read-write, not '" + value + "'");
            }
            BucketPath path = new BucketPathArg().convert(value.substring(0, eq));
            return new KeyGrant(path.bucket(), path.prefix(), new AccessArg().convert(value.substring(eq + 1)));
        }
    }
}
