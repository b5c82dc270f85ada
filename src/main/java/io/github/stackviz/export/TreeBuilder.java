package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.stackviz.util.CountingOutputStream;
import io.github.stackviz.util.LongIntMap;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.FutureTask;

/**
 * tree.json: records arranged by the dot-separated parts of their names, children in order of first
 * appearance, a leaf per name holding the latest record of that name.
 *
 * <p>The reference names its root after the first part of each test in turn, so tests with different
 * first parts end up under the last one's; here the root is the shared first part when there is one,
 * else a node named {@code ""} whose children are the first parts.
 *
 * <p>Built for millions of tests in little memory: the shape of the tree is kept in arrays (36 bytes a
 * node, plus about 20 in a map for the children of nodes with many; a child is known by a 64-bit hash of
 * its parent and its part), and each leaf's record goes to a
 * spill file as it arrives, to be read back (memory-mapped) when the tree is written. No name is kept in
 * memory: an inner node's name is read from the first leaf below it.
 */
final class TreeBuilder implements AutoCloseable {

    /**
     * Deepest tree written: parts past it stay joined in the last node's name, so hostile names cannot
     * nest the JSON (or the recursion) without bound. name_full is unchanged by it.
     */
    static final int MAX_DEPTH = 200;

    private static final int TOP = 0;
    private static final int NONE = -1;
    /** Leaf records are read back through maps of at most this many bytes. */
    private static final long MAP_SIZE = 1L << 30;

    private int nodes = 1;
    private int[] firstChild = new int[1024];
    private int[] lastChild = new int[1024];
    private int[] nextSibling = new int[1024];
    /** Where the node's latest record starts in the spill file, or -1 when the node is no leaf. */
    private long[] leaf = new long[1024];
    /** The number (in arrival order) of the record in the node's leaf. */
    private int[] member = new int[1024];
    /** The node's key: a 64-bit hash of its parent and its part of the name. */
    private long[] key = new long[1024];
    /** How many children the node has. */
    private int[] childCount = new int[1024];
    /**
     * Key → child, for the children of nodes with more than {@link #FEW} of them; the few children of the
     * other nodes (most nodes: a class's tests) are found by scanning their keys, which lie side by side.
     */
    private final LongIntMap children = new LongIntMap();
    private static final int FEW = 8;

    private final Path spillFile;
    /** Counts the bytes spilled: where the next record starts. */
    private final CountingOutputStream spilled;
    private final DataOutputStream spill;

    TreeBuilder(Path spillDirectory) throws IOException {
        Files.createDirectories(spillDirectory);
        spillFile = Files.createTempFile(spillDirectory, "tree-", ".bin");
        spilled = new CountingOutputStream(OutputFile.openTemporary(spillFile));
        spill = new DataOutputStream(spilled);
        Arrays.fill(firstChild, NONE);
        Arrays.fill(lastChild, NONE);
        Arrays.fill(nextSibling, NONE);
        Arrays.fill(leaf, NONE);
    }

    /**
     * Adds record number {@code number}, whose name is {@code name} (escaped as JSON, in UTF-8, without
     * quotes: the parts are cut at its dots, which neither UTF-8 nor JSON's escapes hold inside another
     * character, and escaping keeps names apart) and whose fields after its name are {@code fields} (as
     * raw.json has them); a later record of the same name replaces the earlier one in its leaf.
     *
     * @return the number of the record it replaced, or -1
     */
    int add(byte[] name, RawJson fields, int number) throws IOException {
        // the parts this name shares with the previous one lead to the same nodes: most names share all
        // but their last part with the one before, and the lookups are the cost of a big tree
        int common = Arrays.mismatch(name, previous);
        if (common < 0) {
            common = name.length;
        }
        int depth = 1;
        int node = TOP;
        int from = 0;
        while (depth < previousDepth && previousEnds[depth] < common) {
            node = previousNodes[depth];
            from = previousEnds[depth] + 1;
            depth++;
        }
        for (; ; depth++) {
            int dot = depth == MAX_DEPTH ? -1 : dot(name, from, name.length);
            int to = dot < 0 ? name.length : dot;
            node = child(node, name, from, to);
            previousNodes[depth] = node;
            previousEnds[depth] = to;
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        previous = name;
        previousDepth = depth;
        int replaced = leaf[node] == NONE ? -1 : member[node];
        leaf[node] = spilled.count();
        member[node] = number;
        spill.writeInt(name.length);
        spill.write(name);
        spill.writeInt(fields.length());
        fields.writeUnquotedUTF8(spill);
        return replaced;
    }

    /** The previous name, the node of each of its parts, and where each part ends in it. */
    private byte[] previous = new byte[0];
    private int previousDepth;
    private final int[] previousNodes = new int[MAX_DEPTH + 1];
    private final int[] previousEnds = new int[MAX_DEPTH + 1];

    /** The child of {@code parent} named {@code name[from, to)}, made when it is new. */
    private int child(int parent, byte[] name, int from, int to) {
        long wanted = hash(parent, name, from, to);
        int count = childCount[parent];
        if (count <= FEW) {
            for (int child = firstChild[parent]; child != NONE; child = nextSibling[child]) {
                if (key[child] == wanted) {
                    return child;
                }
            }
        } else {
            int child = children.get(wanted);
            if (child != LongIntMap.MISSING) {
                return child;
            }
        }
        int node = nodes++;
        if (node == leaf.length) {
            int size = node + (node >> 1);
            firstChild = grow(firstChild, size);
            lastChild = grow(lastChild, size);
            nextSibling = grow(nextSibling, size);
            member = Arrays.copyOf(member, size);
            key = Arrays.copyOf(key, size);
            childCount = Arrays.copyOf(childCount, size);
            leaf = Arrays.copyOf(leaf, size);
            Arrays.fill(leaf, node, size, NONE);
        }
        key[node] = wanted;
        if (firstChild[parent] == NONE) {
            firstChild[parent] = node;
        } else {
            nextSibling[lastChild[parent]] = node;
        }
        lastChild[parent] = node;
        childCount[parent] = ++count;
        if (count > FEW + 1) {
            children.put(wanted, node);
        } else if (count == FEW + 1) { // from now on found through the map
            for (int child = firstChild[parent]; child != NONE; child = nextSibling[child]) {
                children.put(key[child], child);
            }
        }
        return node;
    }

    private static int[] grow(int[] array, int size) {
        int length = array.length;
        int[] grown = Arrays.copyOf(array, size);
        Arrays.fill(grown, length, size, NONE);
        return grown;
    }

    /** FNV-1a over the parent's number and the part's bytes. */
    private static long hash(int parent, byte[] name, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int shift = 0; shift < 32; shift += 8) {
            h ^= (parent >>> shift) & 0xFF;
            h *= 0x100000001b3L;
        }
        for (int i = from; i < to; i++) {
            h ^= name[i] & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Where the first dot of {@code name[from, end)} is, or -1. */
    private static int dot(byte[] name, int from, int end) {
        for (int i = from; i < end; i++) {
            if (name[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Writes the tree. The children of the first node that has several are written in two halves, the
     * second on a thread of its own into a temporary file that is then copied in: tree.json is written
     * after everything else, and a machine has more than one core.
     */
    void write(JsonGenerator json) throws IOException {
        spill.close();
        try (FileChannel channel = FileChannel.open(spillFile)) {
            if (firstChild[TOP] == NONE) {
                json.writeStartObject();
                json.writeEndObject();
                return;
            }
            boolean oneRoot = nextSibling[firstChild[TOP]] == NONE;
            int root = oneRoot ? firstChild[TOP] : TOP;
            int depth = oneRoot ? 1 : 0;
            Split split = new Split(root, depth);
            FutureTask<Path> other = null;
            Thread thread = null;
            if (split.from != NONE) {
                other = new FutureTask<>(() -> writeApart(channel, split));
                thread = new Thread(other, "stackviz-tree-half");
                thread.setDaemon(true);
                thread.start();
            }
            try {
                write(json, root, depth, new Records(channel), split, other);
            } finally {
                if (thread != null) { // done, or stopped on a failure here: nothing writes on afterwards
                    other.cancel(true);
                    joinQuietly(thread);
                }
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the tree is cut in two: the node, its depth, and its first child written apart (or NONE). */
    private final class Split {
        final int node;
        final int depth;
        final int from;

        Split(int root, int rootDepth) {
            int at = root;
            int d = rootDepth;
            while (firstChild[at] != NONE && nextSibling[firstChild[at]] == NONE) {
                at = firstChild[at];
                d++;
            }
            node = at;
            depth = d;
            from = firstChild[at] == NONE ? NONE : half(at);
        }

        /** The child after which the children of {@code parent} hold about half its nodes, or NONE. */
        private int half(int parent) {
            long[] sizes = new long[childCount[parent]];
            long total = 0;
            int i = 0;
            for (int child = firstChild[parent]; child != NONE; child = nextSibling[child]) {
                sizes[i] = size(child);
                total += sizes[i++];
            }
            long sum = 0;
            i = 0;
            for (int child = firstChild[parent]; child != NONE; child = nextSibling[child]) {
                sum += sizes[i++];
                if (2 * sum >= total) {
                    return nextSibling[child];
                }
            }
            return NONE;
        }

        private long size(int node) {
            long n = 1;
            for (int child = firstChild[node]; child != NONE; child = nextSibling[child]) {
                n += size(child);
            }
            return n;
        }
    }

    /** Writes the children of the split node from its {@code from} on, as a JSON array in a file of its own. */
    private Path writeApart(FileChannel channel, Split split) throws IOException {
        Path part = Files.createTempFile(spillFile.getParent(), "tree-part-", ".json");
        try (JsonGenerator json = Json.generator(OutputFile.openTemporary(part))) {
            Records records = new Records(channel);
            json.writeStartArray();
            for (int child = split.from; child != NONE; child = nextSibling[child]) {
                write(json, child, split.depth + 1, records, null, null);
            }
            json.writeEndArray();
        }
        return part;
    }

    /**
     * @param depth the node's depth: 1 for the first parts of the names, 0 for the top
     * @param split where the children written apart go in, or {@code null}
     * @param other the file holding them, once written
     */
    private void write(JsonGenerator json, int node, int depth, Records records, Split split,
                       FutureTask<Path> other) throws IOException {
        json.writeStartObject();
        if (leaf[node] != NONE) {
            records.read(leaf[node]);
            json.writeFieldName("name");
            writePart(json, records, depth, true);
            json.writeRaw(','); // the fields as raw.json has them, rendered by Jackson (RecordJson.Rendered)
            json.writeRaw(records.fields());
            json.writeFieldName("name_full");
            writeName(json, records, 0, records.nameLength());
        } else if (node == TOP) {
            json.writeStringField("name", "");
        } else {
            // an inner node's name: part `depth` of the name of any leaf below it, such as the first (a
            // node exists only on the way to a leaf, and inner nodes lie above MAX_DEPTH)
            int below = node;
            while (leaf[below] == NONE) {
                below = firstChild[below];
            }
            records.readName(leaf[below]);
            json.writeFieldName("name");
            writePart(json, records, depth, false);
        }
        if (firstChild[node] != NONE) {
            json.writeArrayFieldStart("children");
            boolean cut = split != null && node == split.node && split.from != NONE;
            for (int child = firstChild[node]; child != NONE && !(cut && child == split.from);
                 child = nextSibling[child]) {
                write(json, child, depth + 1, records, split, other);
            }
            if (cut) {
                spliceIn(json, OtherThreads.await(other, "half of the tree was written"));
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /**
     * Copies the elements of the JSON array in {@code part} (Jackson wrote it) into the array {@code json}
     * has open, after the elements it wrote: their bytes as they are, without the brackets.
     */
    private static void spliceIn(JsonGenerator json, Path part) throws IOException {
        try {
            Json.splice(json, part, 1, Files.size(part) - 2); // its elements, not its brackets
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Writes part {@code depth} (from 1) of the name {@code records} has read, as a JSON string: up to the
     * next dot, or for a leaf to the end (past {@link #MAX_DEPTH} parts stay joined). The name's escaped
     * bytes are cut at its dots, which neither UTF-8 nor JSON's escapes ever hold inside another character.
     */
    private static void writePart(JsonGenerator json, Records records, int depth, boolean toEnd)
            throws IOException {
        byte[] name = records.bytes();
        int length = records.nameLength();
        int from = 0;
        for (int i = 1; i < depth; i++) {
            from = dot(name, from, length) + 1;
        }
        int dot = toEnd ? -1 : dot(name, from, length);
        int to = dot < 0 ? length : dot;
        writeName(json, records, from, to - from);
    }

    /**
     * Writes bytes {@code [from, from + length)} of the name {@code records} has read as a JSON string: they
     * are escaped already, as raw.json has the name (by the same generator's {@code writeString}).
     */
    private static void writeName(JsonGenerator json, Records records, int from, int length) throws IOException {
        json.writeString(records.name().set(records.bytes(), from, length));
    }

    /** Deletes the spill file. */
    @Override
    public void close() throws IOException {
        spill.close();
        Files.deleteIfExists(spillFile);
    }

    /**
     * The spill file, read back through memory maps: per record its name's escaped bytes and its rendered
     * fields, each after its length.
     */
    private static final class Records {
        private final MappedByteBuffer[] maps;
        /** The name, then the fields, of the record read last. */
        private byte[] bytes = new byte[4096];
        private int nameLength;
        private final RawJson fields = RawJson.json();
        /** A window on part of the name, for the writer to move. */
        private final RawJson name = RawJson.stringContent();

        Records(FileChannel channel) throws IOException {
            long size = channel.size();
            maps = new MappedByteBuffer[(int) ((size + MAP_SIZE - 1) / MAP_SIZE)];
            for (int i = 0; i < maps.length; i++) {
                // overlapping by the largest record would be needed to read across a boundary: records
                // are instead read through get(), which crosses maps
                long start = i * MAP_SIZE;
                maps[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(MAP_SIZE, size - start));
            }
        }

        private long position;

        /** Reads the name of the record at {@code offset}, the first thing in it. */
        void readName(long offset) {
            position = offset;
            nameLength = readInt();
            read(0, nameLength);
        }

        /** Reads the name and the fields of the record at {@code offset}. */
        void read(long offset) {
            readName(offset);
            int length = readInt();
            read(nameLength, length);
            fields.set(bytes, nameLength, length);
        }

        /** The name's bytes start at index 0; valid until the next read. */
        byte[] bytes() {
            return bytes;
        }

        int nameLength() {
            return nameLength;
        }

        RawJson name() {
            return name;
        }

        RawJson fields() {
            return fields;
        }

        private void read(int at, int length) {
            if (at + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, at + length));
            }
            long from = position;
            int done = 0;
            while (done < length) {
                MappedByteBuffer map = maps[(int) (from / MAP_SIZE)];
                int in = (int) (from % MAP_SIZE);
                int n = Math.min(length - done, map.limit() - in);
                map.get(in, bytes, at + done, n);
                done += n;
                from += n;
            }
            position = from;
        }

        private int readInt() {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                MappedByteBuffer map = maps[(int) (position / MAP_SIZE)];
                value = value << 8 | (map.get((int) (position % MAP_SIZE)) & 0xFF);
                position++;
            }
            return value;
        }
    }
}
