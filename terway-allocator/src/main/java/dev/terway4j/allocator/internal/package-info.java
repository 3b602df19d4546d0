/** Implementation details of the allocator; not API, may change without notice. */
package dev.terway4j.allocator.internal;
