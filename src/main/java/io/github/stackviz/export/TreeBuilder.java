package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * tree.json: records arranged by the dot-separated parts of their names, children in order of first
 * appearance, a leaf per name holding the latest record of that name.
 *
 * <p>The reference names its root after the first part of each test in turn, so tests with different
 * first parts end up under the last one's; here the root is the shared first part when there is one,
 * else a node named {@code ""} whose children are the first parts.
 */
final class TreeBuilder {

    private static final class Node {
        final String name;
        Map<String, Node> children;
        // Leaf values; status == null means the node is no leaf.
        String status;
        Set<String> tags;
        long start;
        long end;

        Node(String name) {
            this.name = name;
        }

        Node child(String part) {
            if (children == null) {
                children = new LinkedHashMap<>(4);
            }
            return children.computeIfAbsent(part, Node::new);
        }
    }

    /**
     * Deepest tree written: parts past it stay joined in the last node's name, so hostile names cannot
     * nest the JSON (or the recursion) without bound. name_full is unchanged by it.
     */
    static final int MAX_DEPTH = 200;

    private final Node top = new Node("");

    void add(String name, String status, Set<String> tags, long startMicros, long endMicros) {
        Node node = top;
        int from = 0;
        for (int depth = 1; ; depth++) {
            int dot = depth == MAX_DEPTH ? -1 : name.indexOf('.', from);
            node = node.child(dot < 0 ? name.substring(from) : name.substring(from, dot));
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        node.status = status;
        node.tags = tags;
        node.start = startMicros;
        node.end = endMicros;
    }

    void write(JsonGenerator json) throws IOException {
        if (top.children == null) {
            json.writeStartObject();
            json.writeEndObject();
        } else if (top.children.size() == 1) {
            Node root = top.children.values().iterator().next();
            write(json, root, new StringBuilder(root.name));
        } else {
            write(json, top, new StringBuilder());
        }
    }

    private void write(JsonGenerator json, Node node, StringBuilder path) throws IOException {
        json.writeStartObject();
        if (node.status != null) {
            RecordJson.writeFields(json, node.name, node.status, node.tags, node.start, node.end);
            json.writeStringField("name_full", path.toString());
        } else {
            json.writeStringField("name", node.name);
        }
        if (node.children != null) {
            json.writeArrayFieldStart("children");
            int length = path.length();
            for (Node child : node.children.values()) {
                if (node != top) {
                    path.append('.');
                }
                path.append(child.name);
                write(json, child, path);
                path.setLength(length);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
