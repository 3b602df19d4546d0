/**
 * The cloud SPI: the few ECS/VPC operations the Trunk ENI control plane needs, behind one
 * vendor-neutral interface, {@link dev.terway4j.cloud.spi.CloudProvider}.
 *
 * <p>Overview:
 *
 * <ul>
 *   <li>{@link dev.terway4j.cloud.spi.CloudProvider}: instance-type limits, vSwitches, and the
 *       network-interface lifecycle (create, attach, detach, delete, describe with filters and
 *       paging). Attach and detach are asynchronous, as in ECS.
 *   <li>Immutable value types of our own ({@link dev.terway4j.cloud.spi.NetworkInterface}, {@link
 *       dev.terway4j.cloud.spi.VSwitch}, {@link dev.terway4j.cloud.spi.InstanceType}, requests and
 *       queries). No vendor (Aliyun SDK) type appears here.
 *   <li>One unchecked error tree rooted at {@link dev.terway4j.cloud.spi.CloudException}, split
 *       into client-side ({@link dev.terway4j.cloud.spi.CloudClientException}) and service-side
 *       ({@link dev.terway4j.cloud.spi.CloudServiceException}) failures with portable subtypes;
 *       {@link dev.terway4j.cloud.spi.CloudErrors} is the one place that maps an error code to
 *       them.
 *   <li>Discovery: backends register a {@link dev.terway4j.cloud.spi.CloudProviderFactory} in
 *       {@code META-INF/services}; {@link dev.terway4j.cloud.spi.CloudProviders#load} finds one by
 *       id.
 * </ul>
 *
 * <p>Identifiers are validated against their prefixes ({@code vsw-}, {@code sg-}, {@code eni-},
 * {@code i-}, {@code vpc-}) before any request is built; a malformed id is an {@link
 * dev.terway4j.cloud.spi.InvalidArgumentException}, so no unvalidated id ever reaches a cloud.
 */
package dev.terway4j.cloud.spi;
