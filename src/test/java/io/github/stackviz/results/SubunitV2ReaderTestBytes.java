package io.github.stackviz.results;

import java.io.ByteArrayOutputStream;

final class SubunitV2ReaderTestBytes {
    private SubunitV2ReaderTestBytes() {
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
