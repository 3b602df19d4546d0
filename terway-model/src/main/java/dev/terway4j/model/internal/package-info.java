/** Implementation details of the model module; not API, may change without notice. */
package dev.terway4j.model.internal;
