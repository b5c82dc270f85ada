package io.github.stackviz.subunit;

/** Why a packet candidate was rejected; never leaves the reader. */
final class PacketFormatException extends Exception {
    PacketFormatException(String message) {
        super(message, null, false, false);
    }
}
