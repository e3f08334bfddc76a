package dev.fitd.hardware.profile;

/** A hardware profile that cannot be used; the message names the file and the field. */
final class ProfileException extends IllegalArgumentException {
    public ProfileException(String message) {
        super(message);
    }
}
