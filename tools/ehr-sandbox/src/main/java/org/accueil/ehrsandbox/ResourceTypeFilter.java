package org.accueil.ehrsandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Serves only the resource types a test EHR needs ({@code ehr.resource-types}, or {@code all}).
 *
 * <p>HAPI's R4 configuration declares a DAO and a resource provider for each of the 146 R4 resource
 * types; creating them all costs about 15 % more start-up CPU (3.5 of 23 s measured). This removes
 * the bean definitions of the types not listed; HAPI's {@code DaoRegistry} then reports them as
 * unsupported, so they are neither served nor in the CapabilityStatement. The types HAPI itself
 * reads (search parameters, subscriptions, terminology, conformance resources) are always kept.
 */
class ResourceTypeFilter implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

  private static final Logger log = LoggerFactory.getLogger(ResourceTypeFilter.class);

  /** Resource types HAPI's own services look up. */
  static final Set<String> REQUIRED_BY_HAPI =
      Set.of(
          "SearchParameter",
          "Subscription",
          "CodeSystem",
          "ValueSet",
          "ConceptMap",
          "StructureDefinition",
          "NamingSystem",
          "ImplementationGuide",
          "Bundle",
          "Binary",
          "Basic",
          "Parameters",
          "OperationDefinition");

  private static final Pattern GENERATED_BEAN = Pattern.compile("my([A-Z][A-Za-z]+)(Dao|Rp)R4");

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    String configured = environment.getProperty("ehr.resource-types", "all").trim();
    if (configured.toLowerCase(Locale.ROOT).equals("all")) {
      return;
    }
    Set<String> served =
        Arrays.stream(configured.split(","))
            .map(String::trim)
            .filter(type -> !type.isEmpty())
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    served.addAll(REQUIRED_BY_HAPI);
    int removed = 0;
    for (String name : registry.getBeanDefinitionNames()) {
      Matcher matcher = GENERATED_BEAN.matcher(name);
      if (!matcher.matches()) {
        continue;
      }
      // List's provider is "myListResourceRpR4"; mySystemDaoR4 is the system-level DAO
      // (transactions, history), not a resource type's.
      String type = matcher.group(1).equals("ListResource") ? "List" : matcher.group(1);
      if (!type.equals("System") && !served.contains(type)) {
        registry.removeBeanDefinition(name);
        removed++;
      }
    }
    log.info(
        "Serving {} resource types ({} HAPI beans left out): {}", served.size(), removed, served);
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
