package dev.terway4j.testkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.model.CloudIds;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.PropertyChecks;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The model's id rule (what a manifest may name) and the cloud SPI's (what may reach a request)
 * agree, so that nothing valid in a manifest is refused by a cloud call and nothing refused there
 * passes validation.
 */
class CloudIdProperties {

  @Test
  void modelAndSpi_agreeOnEveryId() {
    var types = Gens.enums(CloudIds.Type.class);
    var bodies = Gens.strings("abzAZ09-_ .:/éあ\t", 0, 70);
    PropertyChecks.forAll(Gens.combine(types, bodies, (t, b) -> new Object[] {t, t.prefix() + b}))
        .withTries(2000)
        .checkThat(
            pair -> {
              CloudIds.Type type = (CloudIds.Type) pair[0];
              String id = (String) pair[1];
              assertEquals(CloudIds.isValid(type, id), spiAccepts(type, id), id);
            });
  }

  private static boolean spiAccepts(CloudIds.Type type, String id) {
    Function<String, String> check =
        switch (type) {
          case VSWITCH -> ResourceIds::checkVSwitchId;
          case SECURITY_GROUP -> ResourceIds::checkSecurityGroupId;
          case ENI -> ResourceIds::checkNetworkInterfaceId;
          case INSTANCE -> ResourceIds::checkInstanceId;
          case VPC -> ResourceIds::checkVpcId;
        };
    try {
      check.apply(id);
      return true;
    } catch (InvalidArgumentException e) {
      return false;
    }
  }
}
