// All of the web app's texts, by language: the shared file plus one file per feature, merged under
// each feature's own top-level key so features never edit each other's files.

import academyBn from './academy.bn.json';
import academyEn from './academy.en.json';
import academyCertificationBn from './academyCertification.bn.json';
import academyCertificationEn from './academyCertification.en.json';
import academyCoachingBn from './academyCoaching.bn.json';
import academyCoachingEn from './academyCoaching.en.json';
import academyCoursesBn from './academyCourses.bn.json';
import academyCoursesEn from './academyCourses.en.json';
import academyDemoBn from './academyDemo.bn.json';
import academyDemoEn from './academyDemo.en.json';
import academyQaBn from './academyQa.bn.json';
import academyQaEn from './academyQa.en.json';
import academyResumeBn from './academyResume.bn.json';
import academyResumeEn from './academyResume.en.json';
import academySkillsBn from './academySkills.bn.json';
import academySkillsEn from './academySkills.en.json';
import approvalsBn from './approvals.bn.json';
import approvalsEn from './approvals.en.json';
import auditBn from './audit.bn.json';
import auditEn from './audit.en.json';
import bn from './bn.json';
import bulkImportBn from './bulkImport.bn.json';
import bulkImportEn from './bulkImport.en.json';
import commentsBn from './comments.bn.json';
import commentsEn from './comments.en.json';
import composerBn from './composer.bn.json';
import composerEn from './composer.en.json';
import crisisBn from './crisis.bn.json';
import crisisEn from './crisis.en.json';
import en from './en.json';
import inboxBn from './inbox.bn.json';
import inboxEn from './inbox.en.json';
import listeningBn from './listening.bn.json';
import listeningEn from './listening.en.json';
import listsBn from './lists.bn.json';
import listsEn from './lists.en.json';
import notificationsBn from './notifications.bn.json';
import notificationsEn from './notifications.en.json';
import plannerBn from './planner.bn.json';
import plannerEn from './planner.en.json';
import streamsBn from './streams.bn.json';
import streamsEn from './streams.en.json';

export type Texts = { [key: string]: string | Texts };

export const TEXTS: Record<'en' | 'bn', Texts> = {
  en: {
    ...en,
    composer: composerEn,
    planner: plannerEn,
    bulkImport: bulkImportEn,
    academy: academyEn,
    academyCourses: academyCoursesEn,
    academyCertification: academyCertificationEn,
    academySkills: academySkillsEn,
    academyQa: academyQaEn,
    academyCoaching: academyCoachingEn,
    academyResume: academyResumeEn,
    academyDemo: academyDemoEn,
    streams: streamsEn,
    lists: listsEn,
    listening: listeningEn,
    approvals: approvalsEn,
    comments: commentsEn,
    notifications: notificationsEn,
    audit: auditEn,
    crisis: crisisEn,
    inbox: inboxEn,
  },
  bn: {
    ...bn,
    composer: composerBn,
    planner: plannerBn,
    bulkImport: bulkImportBn,
    academy: academyBn,
    academyCourses: academyCoursesBn,
    academyCertification: academyCertificationBn,
    academySkills: academySkillsBn,
    academyQa: academyQaBn,
    academyCoaching: academyCoachingBn,
    academyResume: academyResumeBn,
    academyDemo: academyDemoBn,
    streams: streamsBn,
    lists: listsBn,
    listening: listeningBn,
    approvals: approvalsBn,
    comments: commentsBn,
    notifications: notificationsBn,
    audit: auditBn,
    crisis: crisisBn,
    inbox: inboxBn,
  },
};
