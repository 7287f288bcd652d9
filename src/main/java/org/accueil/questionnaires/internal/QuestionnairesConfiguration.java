package org.accueil.questionnaires.internal;

import org.accueil.questionnaires.QuestionnairesProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuestionnairesProperties.class)
class QuestionnairesConfiguration {}
