"""The built-in criteria models as plain data (made by
``scripts/compile_criteria.py`` from the YAML files in ``allyeval/criteria``; do not edit by
hand, run the script instead).

Reading a model from here takes a third of the time of parsing its YAML (about 3 ms of
allyeval's start). Each entry carries the SHA-256 of the file it was made from: a file that
no longer matches is parsed instead."""

import datetime  # noqa: F401 - dates in the data, where a model has them
from typing import Any

MODELS: dict[str, tuple[str, dict[str, Any]]] = {
    'default.yaml': (
        '152b2cb34540c8b11b8a5c6614563196fd7a89c39c1d7bc143d3d5d4d81587e3',
        {'name': 'allyeval-default',
         'version': '2.0',
         'title': 'Effectiveness of strategic military partnerships',
         'documents': [{'file': '000_3a9c782b11395cf3.txt', 'title': 'Strategic military partnerships'},
                       {'file': '003_ce45e560b9abc269.txt',
                        'title': 'Military partnership formations'}],
         'min_coverage': 0.6,
         'bands': [{'name': 'robust', 'min': 75},
                   {'name': 'effective', 'min': 60},
                   {'name': 'strained', 'min': 40},
                   {'name': 'fragile', 'min': 0}],
         'caps': [{'indicator': 'strategic_divergence',
                   'at_least': 3,
                   'band': 'strained',
                   'reason': 'Serious divergence on core issues blocks joint action whatever the '
                             "partnership's other strengths."},
                  {'indicator': 'deterrence',
                   'at_most': 1,
                   'band': 'strained',
                   'reason': 'A partnership whose members are attacked or coerced without consequence '
                             'has failed at the purpose that the documents name first.'},
                  {'indicator': 'voluntary_participation',
                   'at_most': 1,
                   'band': 'strained',
                   'reason': "Without consent the partnership's integration is imposed, not built, and "
                             'cannot be effective partnership.'},
                  {'indicator': 'voluntary_participation',
                   'at_most': 0,
                   'band': 'fragile',
                   'reason': 'A member has used force against another: whatever else the partners do '
                             'together, that is not a partnership.'}],
         'gates': [{'indicator': 'voluntary_participation',
                    'gated': ['joint_exercises',
                              'collaborative_missions',
                              'readiness',
                              'crisis_response',
                              'policy_doctrine',
                              'standard_procedures',
                              'command_and_control',
                              'integrated_communications',
                              'joint_training'],
                    'reason': 'Command, standards, missions and readiness measure partnership only '
                              'when the members chose them; imposed by the strongest member they '
                              'measure control.'}],
         'retired': {'threat_perception': 'merged into strategic_divergence (challenge exposure), '
                                          'which rates divergent threat perceptions where the '
                                          'formations document places them, so that one variable is '
                                          'not counted twice'},
         'criteria': [{'id': 'operational_success',
                       'name': 'Operational success',
                       'description': 'Whether the partners can coordinate and execute combined '
                                      'strategies in practice, judged by their record of joint '
                                      'military exercises and collaborative missions, their combined '
                                      'readiness and their collective response to crises.',
                       'direction': 'benefit',
                       'weight': 20,
                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                  'section': 'Evaluating the Effectiveness of Military Partnerships'},
                       'indicators': [{'id': 'joint_exercises',
                                       'name': 'Joint exercises',
                                       'weight': 2,
                                       'question': 'How frequent, large and demanding is the '
                                                   "partnership's record of combined military "
                                                   "exercises, measured against the partners' own "
                                                   'forces and the practice of the period?',
                                       'rubric': {0: 'No combined exercises have been held between the '
                                                     'partners in the period assessed.',
                                                  1: 'Occasional small or symbolic exercises (passing '
                                                     'exercises, staff drills) with no regular '
                                                     'schedule.',
                                                  2: 'Recurring exercises in one or two domains, '
                                                     'involving a small part of the forces the '
                                                     'partners could commit together.',
                                                  3: 'Regular combined exercises each year across '
                                                     'several domains, involving a substantial part of '
                                                     'the forces the partners would commit together, '
                                                     'with field and command phases.',
                                                  4: 'Exercises every year at the scale of the '
                                                     "partners' combined war plans, all partners "
                                                     'taking part, with realistic scenarios and '
                                                     'lessons acted on.'},
                                       'added': {3: 'every year; field and command phases',
                                                 4: 'scale of the combined war plans; lessons acted '
                                                    'on'},
                                       'applicability': 'Applies to every kind and era; scale is '
                                                        "judged against the partners' own forces, not "
                                                        'in absolute troop numbers. Leave unrated only '
                                                        'when the record of the period cannot be '
                                                        'found.',
                                       'recommendation': 'Establish a recurring combined exercise '
                                                         'programme that grows in scale, realism and '
                                                         'number of domains.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['joint military exercises']},
                                      {'id': 'collaborative_missions',
                                       'name': 'Collaborative missions',
                                       'weight': 3,
                                       'question': "When the partnership's purpose called for it, did "
                                                   'the partners conduct real combined operations '
                                                   'towards a shared aim, and with what scope and '
                                                   'results?',
                                       'rubric': {0: 'Operations the purpose called for were not '
                                                     'undertaken together, or failed for lack of '
                                                     'cooperation.',
                                                  1: 'Isolated, small-scale joint activity such as a '
                                                     'single evacuation, search-and-rescue or '
                                                     'disaster-relief operation.',
                                                  2: 'Some real combined operations (patrols, '
                                                     'peacekeeping, counter-piracy) of limited scope '
                                                     'or with only some partners taking part.',
                                                  3: 'Repeated real operations towards a shared aim, '
                                                     'coordinated among the partners and sustained '
                                                     'over months or years, with their objectives '
                                                     'broadly achieved.',
                                                  4: 'A record of sustained combined operations in the '
                                                     'most demanding settings the partnership was '
                                                     'built for, planned and commanded together, with '
                                                     'their objectives achieved.'},
                                       'added': {3: 'sustained over months or years'},
                                       'applicability': 'Leave unrated when no occasion for a combined '
                                                        'operation arose (a deterrent that works need '
                                                        'never fight: that success is rated under '
                                                        'deterrence). Operations against a member, its '
                                                        'government or its population never count '
                                                        'here; they are rated under '
                                                        'voluntary_participation.',
                                       'recommendation': 'Start with low-risk real missions (disaster '
                                                         'relief, maritime security) and build towards '
                                                         'sustained operations under shared command.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['collaborative missions']},
                                      {'id': 'readiness',
                                       'name': 'Combined readiness',
                                       'weight': 2,
                                       'question': "How ready are the partners' forces to deploy and "
                                                   'operate together, by the standards of mobilisation '
                                                   'and deployment of the period?',
                                       'rubric': {0: 'No forces are earmarked for combined operations '
                                                     'and no combined plans exist.',
                                                  1: 'General declarations of availability, but no '
                                                     'designated forces, combined plans or readiness '
                                                     'checks.',
                                                  2: 'Some forces designated and contingency plans '
                                                     'drafted, but readiness is untested or deployment '
                                                     'would be slow by the standards of the period.',
                                                  3: 'Designated forces held at set readiness levels, '
                                                     'with combined contingency plans and periodic '
                                                     'readiness checks or snap drills.',
                                                  4: 'Combined forces ready to deploy as fast as the '
                                                     "period's best national forces, with prepared "
                                                     'logistics and regular certification.'},
                                       'added': {3: 'periodic readiness checks or snap drills',
                                                 4: 'regular certification'},
                                       'applicability': 'Applies to partnerships with a combined '
                                                        'military purpose (bilateral and multilateral '
                                                        'alliances); n/a for a defence cooperation '
                                                        'agreement or a strategic dialogue, which hold '
                                                        'no forces together.',
                                       'kinds': ['bilateral', 'multilateral'],
                                       'recommendation': 'Designate forces for combined use, agree '
                                                         'contingency plans and test readiness through '
                                                         'certification or short-notice drills.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Understanding Strategic Military '
                                                             'Partnerships'},
                                       'key_terms': ['operational readiness']},
                                      {'id': 'crisis_response',
                                       'name': 'Crisis response',
                                       'weight': 2,
                                       'question': 'When a crisis affected the partners, how quickly '
                                                   'and effectively did they respond collectively?',
                                       'rubric': {0: 'No collective response in past crises; partners '
                                                     'acted alone or not at all.',
                                                  1: 'Collective response limited to statements or '
                                                     'consultations, with no coordinated action.',
                                                  2: 'Coordinated action taken, but slowly for the '
                                                     'crisis, with partial participation or limited '
                                                     'effect.',
                                                  3: 'Coordinated political and military response in '
                                                     'time to matter, with most partners contributing '
                                                     'and a visible effect on the crisis.',
                                                  4: 'Rapid collective response through standing '
                                                     'mechanisms and pre-agreed options, all partners '
                                                     'contributing, with decisive effect.'},
                                       'applicability': 'Leave unrated when no crisis affecting the '
                                                        'partners occurred in the period. A crisis '
                                                        'means an outside threat or emergency; '
                                                        "suppressing a member's own politics is rated "
                                                        'under voluntary_participation, not here.',
                                       'recommendation': 'Agree crisis consultation procedures and '
                                                         'pre-authorised response options so the '
                                                         'partners can act together within days.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Impact on Global Military Diplomacy'},
                                       'key_terms': ['respond effectively to crises']}]},
                      {'id': 'objective_alignment',
                       'name': 'Objective alignment',
                       'description': "How far the partners' political and strategic objectives "
                                      'converge to mutual benefit, as shown by policy statements and '
                                      'military doctrine, trust, consent and the commitments they have '
                                      'formally made.',
                       'direction': 'benefit',
                       'weight': 20,
                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                  'section': 'Evaluating the Effectiveness of Military Partnerships'},
                       'indicators': [{'id': 'strategic_objectives',
                                       'name': 'Converging strategic objectives',
                                       'weight': 3,
                                       'question': "How far do the partners' stated political and "
                                                   'strategic objectives, including the threats they '
                                                   'name, converge to mutual benefit?',
                                       'rubric': {0: "The partners' stated strategic objectives are "
                                                     'unrelated or openly contradictory.',
                                                  1: 'Overlap limited to broad principles such as '
                                                     'peace and stability, with clearly different '
                                                     'priorities in practice.',
                                                  2: 'Convergence on some goals or regions, while '
                                                     'other important objectives are pursued '
                                                     'separately or at cross purposes.',
                                                  3: 'Largely convergent objectives set out in joint '
                                                     'statements or strategies, with only limited and '
                                                     'managed differences.',
                                                  4: 'A fully shared strategic vision in a common '
                                                     'strategy that all partners treat as a priority '
                                                     'and follow in national policy.'},
                                       'applicability': 'Applies to every kind and era; rates what the '
                                                        'partners state and commit to. Whether they '
                                                        'act on it is rated under '
                                                        'strategic_divergence, a risk.',
                                       'recommendation': 'Hold regular strategic dialogue to agree a '
                                                         'short list of common goals and set them out '
                                                         'in a joint strategy.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['political and strategic objectives',
                                                     'mutual benefits']},
                                      {'id': 'policy_doctrine',
                                       'name': 'Policy statements and doctrine',
                                       'weight': 2,
                                       'question': "Do the partners' policy statements and military "
                                                   'doctrines set out coherent, mutually consistent '
                                                   'goals for the partnership?',
                                       'rubric': {0: 'The partnership is absent from national policy '
                                                     'statements and doctrine, or they contradict it.',
                                                  1: 'The partnership is mentioned in passing in '
                                                     'official statements but has no place in national '
                                                     'doctrine.',
                                                  2: 'Some national strategies name the partnership as '
                                                     'important, but doctrines are inconsistent or not '
                                                     'updated to reflect it.',
                                                  3: 'National defence strategies and joint statements '
                                                     'consistently reference the partnership, and '
                                                     'doctrines are broadly coherent.',
                                                  4: 'Strategies and doctrines are explicitly '
                                                     'harmonised through a common strategic concept or '
                                                     'doctrine that partners update together.'},
                                       'applicability': 'Applies to every kind and era; for a period '
                                                        'without published strategies, rate what the '
                                                        "partners' official statements and war plans "
                                                        'show.',
                                       'recommendation': 'Name the partnership explicitly in national '
                                                         'strategies and review doctrine for '
                                                         "consistency with the partners'.",
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['policy statements', 'military doctrines']},
                                      {'id': 'trust',
                                       'name': 'Trust and mutual respect',
                                       'weight': 2,
                                       'question': 'How much trust and mutual respect do the partners '
                                                   'show in communication and decision-making?',
                                       'rubric': {0: 'Open mistrust, with public accusations, '
                                                     'espionage incidents or commitments openly '
                                                     'doubted.',
                                                  1: 'Correct but formal relations, with frequent '
                                                     "suspicion of partners' motives.",
                                                  2: 'Working trust in selected areas, alongside '
                                                     'recurring disputes or a sense of inequality.',
                                                  3: 'Consistent trust shown by frank consultation, '
                                                     'commitments honoured and partners treating each '
                                                     'other as equals.',
                                                  4: 'Deep, long-standing trust; decisions taken '
                                                     'together on matters each partner could decide '
                                                     'alone, and disputes settled without damage.'},
                                       'applicability': 'Applies to every kind and era. Intelligence '
                                                        'shared is rated under '
                                                        'technology_intelligence_sharing only, not '
                                                        'here.',
                                       'recommendation': 'Build trust through transparent '
                                                         'consultation, step-by-step information '
                                                         'sharing and honouring commitments.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Key Attributes of Effective '
                                                             'Partnerships'},
                                       'key_terms': ['trust and mutual respect']},
                                      {'id': 'voluntary_participation',
                                       'name': 'Voluntary participation (consent)',
                                       'weight': 3,
                                       'question': 'Can members leave, dissent or decline operations '
                                                   'without coercion, and has no member used force '
                                                   'against another?',
                                       'rubric': {0: 'A member has used force against another member '
                                                     'or its government (to keep it in line, or in a '
                                                     'conflict between them).',
                                                  1: 'Leaving, dissent or declining operations is met '
                                                     'with coercion short of force (threats of '
                                                     'intervention, removal of leaders, economic '
                                                     'punishment).',
                                                  2: 'Membership is voluntary in law, but the '
                                                     "strongest member's pressure makes dissent costly "
                                                     'and rare.',
                                                  3: 'Members dissent on important questions and '
                                                     'decline operations without coercion; leaving is '
                                                     'a lawful option.',
                                                  4: 'Members have dissented, declined operations or '
                                                     'left without reprisal, and the partnership '
                                                     'accommodates them (opt-outs, reservations, '
                                                     'renegotiation).'},
                                       'added': {1: 'removal of leaders, economic punishment',
                                                 4: 'opt-outs, reservations, renegotiation'},
                                       'applicability': 'Applies to every kind and era and should '
                                                        'always be rated: it gates the credit of the '
                                                        'integration indicators and caps the band (see '
                                                        'docs/methodology.md). A bilateral partnership '
                                                        'is rated on whether the weaker partner could '
                                                        'decline or leave.',
                                       'recommendation': 'Keep membership and participation voluntary: '
                                                         'allow opt-outs from operations and settle '
                                                         'dissent by consultation, never by pressure.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Key Attributes of Effective '
                                                             'Partnerships'},
                                       'key_terms': ['view each other as equals', 'mutual respect']},
                                      {'id': 'formal_commitment',
                                       'name': 'Formal commitment',
                                       'weight': 2,
                                       'question': 'How clear and binding are the obligations the '
                                                   'partners have formally undertaken towards each '
                                                   'other?',
                                       'rubric': {0: 'No written agreement; cooperation rests on ad '
                                                     'hoc contacts.',
                                                  1: 'A non-binding joint declaration or statement of '
                                                     'intent in general language, with no specific '
                                                     'obligations.',
                                                  2: 'An MOU or defence cooperation agreement defining '
                                                     'scope and responsibilities, without any mutual '
                                                     'defence obligation.',
                                                  3: 'A binding agreement (a treaty, or a secret or '
                                                     'executive convention binding by the practice of '
                                                     'the period) with a defence obligation that is '
                                                     'conditional, limited or loosely worded.',
                                                  4: 'A binding agreement with an explicit mutual '
                                                     'defence obligation, defined responsibilities and '
                                                     'implementing arrangements.'},
                                       'added': {4: 'implementing arrangements (such as status of '
                                                    'forces or a military convention)'},
                                       'applicability': "Binding means binding under the members' own "
                                                        'procedures of the period: the 1892 '
                                                        'Franco-Russian military convention binds as a '
                                                        'ratified treaty does. n/a for a strategic '
                                                        'dialogue, which by design carries no '
                                                        'immediate commitments.',
                                       'kinds': ['bilateral',
                                                 'multilateral',
                                                 'defense_cooperation_agreement'],
                                       'recommendation': 'Set out the cooperation in a written '
                                                         'agreement defining scope, responsibilities '
                                                         'and, where intended, defence obligations.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'},
                                       'key_terms': ['treaties',
                                                     'Memoranda of Understanding',
                                                     'formal agreements']}]},
                      {'id': 'adaptability',
                       'name': 'Adaptability',
                       'description': 'The sustainability and adaptability of the partnership: its '
                                      'resilience as threats evolve and its capacity, through ongoing '
                                      'assessments, to identify weaknesses, implement reforms and '
                                      'adjust its strategy.',
                       'direction': 'benefit',
                       'weight': 15,
                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                  'section': 'Evaluating the Effectiveness of Military Partnerships'},
                       'indicators': [{'id': 'resilience',
                                       'name': 'Resilience and durability',
                                       'weight': 3,
                                       'question': 'How well has the partnership come through the '
                                                   'shocks it met: changes of government, disputes and '
                                                   'shifts in the threat environment?',
                                       'rubric': {0: 'The partnership collapsed, was suspended or lost '
                                                     'a core member under strain.',
                                                  1: 'Weakened by a shock and not recovered, with '
                                                     'activities or commitments still reduced.',
                                                  2: 'Came through shocks but with lasting damage, '
                                                     'such as withdrawals or reduced commitments, '
                                                     'since partly repaired.',
                                                  3: 'Came through changes of government and crises '
                                                     'with cooperation intact and a quick recovery.',
                                                  4: 'Came through a major shock (such as the loss of '
                                                     'its founding threat or a change of regime in a '
                                                     'member), adapting its purpose and emerging '
                                                     'stronger.'},
                                       'applicability': 'Leave unrated when the partnership has not '
                                                        'yet met a shock: untested is not evidence of '
                                                        'weakness, nor is age evidence of strength.',
                                       'recommendation': 'Broaden political and institutional support '
                                                         'for the partnership so that it survives '
                                                         'changes of government and crises.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['resilience', 'sustainability']},
                                      {'id': 'strategic_reassessment',
                                       'name': 'Reassessment of priorities and resources',
                                       'weight': 2,
                                       'question': "Do the partners actually revise the partnership's "
                                                   'strategy, priorities and resource allocation when '
                                                   'circumstances change?',
                                       'rubric': {0: 'Strategy, priorities and resources unchanged '
                                                     'since the partnership was founded, despite major '
                                                     'changes in threats.',
                                                  1: 'Revisions announced in rhetoric only, with no '
                                                     'real change in priorities, plans or resources.',
                                                  2: 'Occasional revisions, usually late and prompted '
                                                     'by a crisis, with partial follow-through in '
                                                     'resources.',
                                                  3: 'Periodic revisions of strategy documents '
                                                     'followed by real changes in priorities, force '
                                                     'posture or budgets.',
                                                  4: 'Regular, timely revisions that anticipate '
                                                     'change, each turned into new priorities, posture '
                                                     'and resources that partners deliver.'},
                                       'applicability': 'Leave unrated when the threats have not '
                                                        'changed since the partnership was founded '
                                                        '(nothing called for a revision). Reforms '
                                                        'count here, not under governance_review.',
                                       'recommendation': 'Schedule periodic strategic reviews and tie '
                                                         'each one to concrete changes in priorities, '
                                                         'plans and resources.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Key Attributes of Effective '
                                                             'Partnerships'},
                                       'key_terms': ['reassess priorities and resource allocation']},
                                      {'id': 'governance_review',
                                       'name': 'Governance bodies',
                                       'weight': 2,
                                       'question': 'Does the partnership have standing governance '
                                                   'bodies that oversee implementation and resolve '
                                                   'issues?',
                                       'rubric': {0: 'No standing bodies; the partnership is managed '
                                                     'only through occasional ad hoc contacts.',
                                                  1: 'Occasional high-level meetings, with no '
                                                     'secretariat, working groups or follow-up '
                                                     'mechanism.',
                                                  2: 'Regular meetings (such as annual ministerials) '
                                                     'and some working groups, but little oversight of '
                                                     'implementation.',
                                                  3: 'Standing committees and working groups meeting '
                                                     'on a fixed cycle and tracking implementation.',
                                                  4: 'Permanent councils, staff and committees that '
                                                     'monitor implementation and settle disputes among '
                                                     'the members.'},
                                       'added': {2: 'annual ministerials'},
                                       'applicability': 'Applies to every kind and era; a strategic '
                                                        "dialogue's regular meetings are its "
                                                        'governance. Whether the bodies reform the '
                                                        'partnership is rated under '
                                                        'strategic_reassessment.',
                                       'recommendation': 'Create standing coordination committees or '
                                                         'joint working groups mandated to track '
                                                         'implementation and resolve issues.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'},
                                       'key_terms': ['coordination committees',
                                                     'joint working groups',
                                                     'governance structures']},
                                      {'id': 'emerging_threats',
                                       'name': 'Response to emerging threats and domains',
                                       'weight': 2,
                                       'question': 'How far has the partnership extended its '
                                                   'cooperation to the threats and domains that were '
                                                   'emerging in its period?',
                                       'rubric': {0: 'Cooperation covers only the established domains '
                                                     'of the period, with no attention to new threats.',
                                                  1: 'Emerging threats mentioned in statements, but no '
                                                     'concrete joint initiatives.',
                                                  2: 'A few joint initiatives in one new domain (a '
                                                     'dialogue, a technology working group) at an '
                                                     'early stage.',
                                                  3: 'Active programmes in several new domains with '
                                                     'dedicated structures, funding or exercises.',
                                                  4: 'Emerging domains built into strategy, planning '
                                                     'and exercises, with joint capability development '
                                                     'under way.'},
                                       'applicability': 'Emerging means new in the period assessed: '
                                                        'air power and submarines in 1914, missiles '
                                                        'and electronic warfare in 1989, cyber, space '
                                                        'and AI today. Cyber defence itself is rated '
                                                        'under cyber_defence where it applies, not '
                                                        'here.',
                                       'recommendation': 'Launch joint initiatives in at least one '
                                                         'emerging domain and build them into the '
                                                         "partnership's plans and exercises.",
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Future Trends in Strategic Military '
                                                             'Partnerships'},
                                       'key_terms': ['emerging threats']}]},
                      {'id': 'interoperability',
                       'name': 'Interoperability',
                       'description': "How seamlessly the partners' forces can operate together, "
                                      'through standardised procedures and doctrine, shared command '
                                      'and communication structures, joint training and the sharing of '
                                      'technology, intelligence and cyber defence.',
                       'direction': 'benefit',
                       'weight': 20,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Promoting interoperability and capability development'},
                       'indicators': [{'id': 'standard_procedures',
                                       'name': 'Standardised procedures and doctrine',
                                       'weight': 2,
                                       'question': 'How far have the partners adopted standardised '
                                                   'procedures, communication protocols and '
                                                   'operational doctrine?',
                                       'rubric': {0: 'No common procedures; each force uses its own '
                                                     'doctrine and formats in any joint activity.',
                                                  1: 'Ad hoc arrangements agreed for individual '
                                                     'exercises or operations and not carried over.',
                                                  2: 'Agreed common procedures in selected areas (such '
                                                     'as logistics or signals), not generally applied.',
                                                  3: 'A body of agreed standards and common doctrine '
                                                     'used in most combined activities and updated '
                                                     'regularly.',
                                                  4: 'Comprehensive common standards for tactics, '
                                                     'logistics and equipment, adopted nationally by '
                                                     'all partners and maintained jointly.'},
                                       'applicability': 'Applies to every era; n/a for a strategic '
                                                        'dialogue, which by design has no forces '
                                                        'operating together.',
                                       'kinds': ['bilateral',
                                                 'multilateral',
                                                 'defense_cooperation_agreement'],
                                       'recommendation': 'Agree common standards for the most frequent '
                                                         'combined activities and adopt them in '
                                                         'national doctrine.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Promoting interoperability and '
                                                             'capability development'},
                                       'key_terms': ['standardized procedures',
                                                     'operational doctrines']},
                                      {'id': 'command_and_control',
                                       'name': 'Command and control, liaison and joint command centres',
                                       'weight': 3,
                                       'question': 'What command and control arrangements, liaison '
                                                   'offices and joint command centres support combined '
                                                   'operations?',
                                       'rubric': {0: 'No command arrangements, liaison offices or '
                                                     'joint centres; each force is commanded '
                                                     'separately.',
                                                  1: 'Occasional liaison officers or exchange posts, '
                                                     'with no agreed command arrangements.',
                                                  2: 'Permanent liaison offices and agreed '
                                                     'coordination arrangements, alongside parallel '
                                                     'national commands.',
                                                  3: 'Joint or combined command centres or '
                                                     'headquarters for specific missions or regions, '
                                                     'staffed by the partners.',
                                                  4: 'An integrated permanent command structure with '
                                                     'multinational headquarters and pre-agreed '
                                                     'authority over assigned forces.'},
                                       'applicability': 'Applies to alliances (bilateral and '
                                                        'multilateral); n/a for a defence cooperation '
                                                        'agreement or a strategic dialogue, which by '
                                                        'design command no forces together.',
                                       'kinds': ['bilateral', 'multilateral'],
                                       'recommendation': 'Exchange liaison officers and set up joint '
                                                         'coordination centres, moving towards agreed '
                                                         'combined command arrangements.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'},
                                       'key_terms': ['command and control',
                                                     'liaison offices',
                                                     'joint command centers']},
                                      {'id': 'integrated_communications',
                                       'name': 'Integrated communications',
                                       'weight': 2,
                                       'question': "How integrated are the partners' communications, "
                                                   'by the means of the period (couriers and '
                                                   'telegraph, radio, networks and data links)?',
                                       'rubric': {0: 'No compatible communications; the partners '
                                                     'cannot communicate securely.',
                                                  1: 'Basic connection through ad hoc means such as '
                                                     'liaison teams with their own signals equipment '
                                                     'or insecure channels.',
                                                  2: 'Some secure links and compatible systems for '
                                                     'selected units or commands, with gaps in '
                                                     'coverage.',
                                                  3: 'Common secure means used by most units in '
                                                     'combined activity, with shared codes or '
                                                     'encryption standards.',
                                                  4: "Communications as integrated as the period's "
                                                     'technology allows, giving the partners a common, '
                                                     'timely picture of operations.'},
                                       'applicability': 'Anchors are relative to the period: in 1914 a '
                                                        'shared cipher and telegraph line between '
                                                        'staffs can be level 3. n/a for a strategic '
                                                        'dialogue.',
                                       'kinds': ['bilateral',
                                                 'multilateral',
                                                 'defense_cooperation_agreement'],
                                       'recommendation': 'Agree common communication standards and '
                                                         'invest in secure links and data-sharing '
                                                         'networks between partner forces.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'},
                                       'key_terms': ['integrated communication systems']},
                                      {'id': 'joint_training',
                                       'name': 'Joint training and training centres',
                                       'weight': 2,
                                       'question': 'How institutionalised is training between the '
                                                   'partners, through shared schools, training centres '
                                                   'and exchange programmes?',
                                       'rubric': {0: 'No shared training institutions or personnel '
                                                     'exchanges.',
                                                  1: 'Occasional individual places on partner courses, '
                                                     'without an agreement or programme.',
                                                  2: 'Regular exchange programmes or reserved places '
                                                     'at partner schools, but no joint training '
                                                     'centres.',
                                                  3: 'Joint training centres or schools and structured '
                                                     'exchange programmes running year-round.',
                                                  4: 'A network of joint training centres and colleges '
                                                     'with common curricula and certification, and '
                                                     'exchanges at all ranks.'},
                                       'applicability': 'Applies to every kind and era.',
                                       'recommendation': 'Set up exchange programmes and reserved '
                                                         'places at partner schools, leading to '
                                                         'jointly run training centres.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Key Attributes of Effective '
                                                             'Partnerships'},
                                       'key_terms': ['training and interoperability']},
                                      {'id': 'technology_intelligence_sharing',
                                       'name': 'Technology and intelligence sharing',
                                       'weight': 2,
                                       'question': 'How much intelligence and defence technology do '
                                                   'the partners share with one another (the only '
                                                   'indicator that credits intelligence sharing)?',
                                       'rubric': {0: 'No sharing of intelligence or defence '
                                                     'technology.',
                                                  1: 'Occasional case-by-case sharing of selected '
                                                     'intelligence; no technology transfer.',
                                                  2: 'Regular intelligence exchange in specific areas '
                                                     'and some arms sales or licensed production.',
                                                  3: 'Standing intelligence-sharing agreements and '
                                                     'joint research, development or co-production of '
                                                     'equipment.',
                                                  4: 'Routine sharing of the most sensitive '
                                                     'intelligence and joint development of the most '
                                                     'advanced technologies of the period.'},
                                       'applicability': 'Applies to every kind and era; "advanced" '
                                                        'means advanced for the period.',
                                       'recommendation': 'Conclude information-security agreements '
                                                         'that allow regular intelligence exchange and '
                                                         'joint technology projects.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Types of Military Partnership '
                                                             'Formations'},
                                       'key_terms': ['intelligence sharing',
                                                     'technology transfers',
                                                     'joint research and development']},
                                      {'id': 'cyber_defence',
                                       'name': 'Cyber defence cooperation',
                                       'weight': 1,
                                       'question': 'How far do the partners cooperate in cyber defence '
                                                   'through joint training, incident information and '
                                                   'capability development?',
                                       'rubric': {0: 'No cyber defence cooperation.',
                                                  1: 'Cyber raised in dialogue, with occasional '
                                                     'exchange of information.',
                                                  2: 'Some cyber incident information exchanged and '
                                                     "participation in each other's cyber exercises, "
                                                     'without common structures.',
                                                  3: 'Regular joint cyber exercises, routine exchange '
                                                     'of incident information and agreed '
                                                     'incident-response arrangements.',
                                                  4: 'Integrated cyber defence with shared centres or '
                                                     'rapid-response teams and joint development of '
                                                     'cyber capabilities.'},
                                       'applicability': 'n/a before military networks could be '
                                                        'attacked (before the 1990s): rate 1914 or '
                                                        '1989 n/a, not 0.',
                                       'recommendation': 'Start sharing cyber threat information and '
                                                         'hold joint cyber defence exercises with '
                                                         'agreed incident procedures.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Increased Focus on Cybersecurity'},
                                       'key_terms': ['joint training exercises in cybersecurity']}]},
                      {'id': 'diplomatic_outcomes',
                       'name': 'Diplomatic outcomes',
                       'description': 'Public perception and diplomatic outcomes: whether the '
                                      "partnership has domestic support, enhances its members' "
                                      'diplomatic relations and legitimacy in the international '
                                      'community, contributes to regional stability and deters '
                                      'aggression.',
                       'direction': 'benefit',
                       'weight': 10,
                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                  'section': 'Evaluating the Effectiveness of Military Partnerships'},
                       'indicators': [{'id': 'public_support',
                                       'name': 'Public perception and domestic support',
                                       'weight': 1,
                                       'question': 'How strong is public and political support for the '
                                                   'partnership in the partner countries?',
                                       'rubric': {0: 'Widely opposed by publics or main political '
                                                     'forces, with serious calls to leave the '
                                                     'partnership.',
                                                  1: 'Weak or divided support; the partnership is a '
                                                     'recurring subject of political contestation.',
                                                  2: 'Modest support in most partner countries, with '
                                                     'significant opposition in some or on specific '
                                                     'issues such as bases.',
                                                  3: 'Majority support across most partner countries '
                                                     'and backing from the main political forces.',
                                                  4: 'Strong, stable majority support in all partner '
                                                     'countries, with a consensus of the main '
                                                     'political forces sustained over time.'},
                                       'applicability': 'Leave unrated where public opinion could not '
                                                        'be expressed or measured (a one-party state, '
                                                        'a period without polls or a free press): do '
                                                        'not rate official enthusiasm as support.',
                                       'recommendation': "Explain the partnership's purpose and "
                                                         'benefits to publics and legislatures and '
                                                         'address local grievances.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['public perception']},
                                      {'id': 'diplomatic_relations',
                                       'name': 'Enhanced diplomatic relations',
                                       'weight': 2,
                                       'question': 'Has the partnership enhanced the diplomatic '
                                                   'relations among its members beyond defence?',
                                       'rubric': {0: 'Relations among the members have worsened '
                                                     'because of the partnership, or are broken.',
                                                  1: 'No discernible effect on relations among the '
                                                     'members beyond the partnership itself.',
                                                  2: 'More frequent high-level contacts among the '
                                                     'members, with few results beyond defence.',
                                                  3: 'Relations deepened beyond defence: regular '
                                                     'summits, agreements in other fields, disputes '
                                                     'between members settled or set aside.',
                                                  4: "The partnership anchors its members' foreign "
                                                     'relations with one another, having reconciled '
                                                     'former rivals or made lasting cooperation in '
                                                     'many fields.'},
                                       'applicability': 'Applies to every kind and era.',
                                       'recommendation': "Use the partnership's meetings to build "
                                                         'relations in other fields and to settle '
                                                         'disputes among the members.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['enhanced diplomatic relations']},
                                      {'id': 'legitimacy',
                                       'name': 'International legitimacy',
                                       'weight': 2,
                                       'question': 'How far is the partnership regarded as legitimate '
                                                   'by the international community?',
                                       'rubric': {0: 'Widely condemned internationally or seen as an '
                                                     'instrument of aggression or domination.',
                                                  1: 'Recognised mainly by its own members and viewed '
                                                     'with suspicion by most other states.',
                                                  2: 'Mixed reception, accepted by some states and '
                                                     'international bodies and criticised by others.',
                                                  3: 'Broadly accepted as legitimate, acting in line '
                                                     'with international law and cooperating with '
                                                     'international organisations.',
                                                  4: 'Widely regarded as a pillar of international '
                                                     'security, with other states seeking to join or '
                                                     'partner with it.'},
                                       'applicability': 'Applies to every kind and era; judge by the '
                                                        'international law and the bodies of the '
                                                        'period.',
                                       'recommendation': 'Act within international law, be transparent '
                                                         'about aims and cooperate with international '
                                                         'organisations and non-members.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Evaluating the Effectiveness of Military '
                                                             'Partnerships'},
                                       'key_terms': ['legitimacy within the international community']},
                                      {'id': 'regional_stability',
                                       'name': 'Regional stability',
                                       'weight': 2,
                                       'question': 'How much does the partnership contribute to a '
                                                   'stable regional security environment?',
                                       'rubric': {0: 'The partnership itself raises regional tensions '
                                                     'or draws its members into conflict.',
                                                  1: 'No discernible effect on regional stability; '
                                                     'disputes and tensions continue unaffected.',
                                                  2: 'Some contribution through dialogue and '
                                                     'confidence-building, but disputes still escalate '
                                                     'periodically.',
                                                  3: 'A clear stabilising role, providing channels for '
                                                     'dialogue and helping to reduce tensions and '
                                                     'prevent conflict.',
                                                  4: 'Anchor of a regional security architecture in '
                                                     'which disputes are managed peacefully and '
                                                     'inter-state conflict is absent.'},
                                       'applicability': 'Applies to every kind and era.',
                                       'recommendation': 'Use the partnership as a channel for '
                                                         'dialogue and confidence-building with '
                                                         'neighbours, not only for defence.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Enhancing regional stability'},
                                       'key_terms': ['regional stability']},
                                      {'id': 'deterrence',
                                       'name': 'Deterrence credibility',
                                       'weight': 3,
                                       'question': 'Judged by outcomes, how far has the partnership '
                                                   'deterred aggression and coercion against its '
                                                   'members?',
                                       'rubric': {0: 'Members attacked or coerced without a collective '
                                                     'consequence.',
                                                  1: 'Adversaries probe members regularly and the '
                                                     "members' commitment is openly doubted, by "
                                                     'adversaries and partners alike.',
                                                  2: 'Direct attack deterred for some members or '
                                                     'threats but not others, with pressure below the '
                                                     'threshold of war continuing.',
                                                  3: 'No direct aggression against any member in the '
                                                     'period; adversaries test only below the '
                                                     'threshold of war.',
                                                  4: 'No aggression or coercion against any member '
                                                     'through a period of high tension, with '
                                                     'adversaries visibly adjusting their plans to the '
                                                     'partnership.'},
                                       'added': {2: 'pressure below the threshold of war (grey-zone, '
                                                    'hybrid)'},
                                       'applicability': 'Rate outcomes, not inputs (forces and '
                                                        'commitments are rated under readiness and '
                                                        'formal_commitment). n/a for a strategic '
                                                        'dialogue or a defence cooperation agreement, '
                                                        'which make no defence commitment.',
                                       'kinds': ['bilateral', 'multilateral'],
                                       'recommendation': 'Back commitments with visible capability, '
                                                         'forward presence and consistent declaratory '
                                                         'policy.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Impact on Global Military Diplomacy'},
                                       'key_terms': ['deter aggression']}]},
                      {'id': 'challenge_exposure',
                       'name': 'Challenge exposure',
                       'description': "Exposure to the challenges that hinder a partnership's "
                                      'effectiveness and longevity: political and strategic '
                                      'divergence, legal and sovereignty concerns, cultural and '
                                      'operational disparities, external pressures and resource '
                                      'constraints. Higher ratings mean greater exposure.',
                       'direction': 'risk',
                       'weight': 15,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Challenges and Limitations of Military Partnership '
                                             'Formations'},
                       'indicators': [{'id': 'strategic_divergence',
                                       'name': 'Political and strategic divergence',
                                       'weight': 3,
                                       'question': "In what they do, how much do the partners' "
                                                   'national interests, threat perceptions, foreign '
                                                   'policies and security priorities diverge?',
                                       'rubric': {0: 'Negligible divergence; interests, threat '
                                                     'perceptions and priorities are closely aligned '
                                                     'in practice.',
                                                  1: 'Minor differences on secondary issues, managed '
                                                     'through routine consultation.',
                                                  2: 'Noticeable friction, with public disagreements '
                                                     'on priorities, the main threat or burden-sharing '
                                                     'that delay some decisions.',
                                                  3: 'Serious divergence on core issues, such as the '
                                                     'main threat or the use of force, that blocks or '
                                                     'limits joint action.',
                                                  4: 'Fundamental conflict of interests, with members '
                                                     'acting against each other or threatening to '
                                                     'leave.'},
                                       'applicability': 'Applies to every kind and era; rates conduct, '
                                                        'where strategic_objectives rates what is '
                                                        'stated. Level 3 or more caps the band at '
                                                        'strained.',
                                       'recommendation': 'Build consensus through regular strategic '
                                                         'dialogue and flexible frameworks that let '
                                                         'willing partners act together.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Political and strategic divergences'},
                                       'key_terms': ['divergent threat perceptions',
                                                     'national interests']},
                                      {'id': 'sovereignty_concerns',
                                       'name': 'Legal and sovereignty concerns',
                                       'weight': 2,
                                       'question': 'How far do legal and sovereignty concerns over '
                                                   'basing, jurisdiction, information sharing or arms '
                                                   'transfer rules constrain cooperation?',
                                       'rubric': {0: 'Negligible concerns; basing, jurisdiction and '
                                                     'legal arrangements are settled and '
                                                     'uncontroversial.',
                                                  1: 'Minor legal questions handled under existing '
                                                     'agreements without political controversy.',
                                                  2: 'Noticeable friction over basing, jurisdiction or '
                                                     'information sharing, causing local protests or '
                                                     'renegotiation.',
                                                  3: 'Serious concerns that restrict cooperation, such '
                                                     'as bans on foreign troops or on sharing classes '
                                                     'of information or arms.',
                                                  4: 'Severe sovereignty disputes, such as demands to '
                                                     'close bases or expel partner forces, that '
                                                     'threaten the partnership.'},
                                       'applicability': 'Applies to every kind and era. Command '
                                                        'arrangements themselves are rated under '
                                                        'command_and_control, not here.',
                                       'recommendation': 'Negotiate transparent agreements on basing, '
                                                         'jurisdiction and information sharing that '
                                                         "respect each partner's sovereignty.",
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Legal and sovereignty concerns'},
                                       'key_terms': ['sovereignty', 'jurisdictional disputes']},
                                      {'id': 'compatibility_gaps',
                                       'name': 'Cultural and operational disparities',
                                       'weight': 2,
                                       'question': 'Beyond agreed standards and communications, how '
                                                   "large are the gaps between the partners' "
                                                   'equipment, training standards, military cultures '
                                                   'and leadership styles?',
                                       'rubric': {0: 'Negligible gaps; forces train, equip and lead in '
                                                     'compatible ways.',
                                                  1: 'Minor gaps worked around routinely, for example '
                                                     'through liaison teams or exchange postings.',
                                                  2: 'Noticeable gaps in equipment, training or '
                                                     'leadership styles that slow combined activity '
                                                     'and need improvised workarounds.',
                                                  3: 'Serious disparities of equipment, training '
                                                     'standards or military culture that limit which '
                                                     'forces can operate together.',
                                                  4: 'Severe disparities that make meaningful combined '
                                                     'operations impossible in practice.'},
                                       'applicability': 'Common procedures and communications are '
                                                        'rated under standard_procedures and '
                                                        'integrated_communications; rate here what '
                                                        'remains. n/a for a strategic dialogue, whose '
                                                        'forces do not operate together by design.',
                                       'kinds': ['bilateral',
                                                 'multilateral',
                                                 'defense_cooperation_agreement'],
                                       'recommendation': 'Prioritise training exchanges, compatible '
                                                         "equipment and familiarity with partners' "
                                                         'command cultures for forces most likely to '
                                                         'operate together.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Challenges to Strategic Military '
                                                             'Partnerships'},
                                       'key_terms': ['cultural and operational disparities',
                                                     'leadership styles']},
                                      {'id': 'external_pressure',
                                       'name': 'External pressures',
                                       'weight': 2,
                                       'question': 'How exposed is the partnership to external '
                                                   'pressures such as adversary coercion, geopolitical '
                                                   'shifts or non-state actors?',
                                       'rubric': {0: 'Negligible external pressure on the '
                                                     "partnership's cohesion.",
                                                  1: 'Minor pressure, such as adversary propaganda or '
                                                     'diplomatic protests, with no effect on cohesion.',
                                                  2: 'Noticeable pressure, such as economic coercion '
                                                     'of a member or rival offers, causing some '
                                                     'hesitancy.',
                                                  3: 'Serious pressure that leads members to limit '
                                                     'activities or hedge between the partnership and '
                                                     'a rival power.',
                                                  4: 'Severe pressure, such as a member coerced or '
                                                     "drawn into a rival's orbit, threatening the "
                                                     "partnership's core function."},
                                       'applicability': 'Applies to every kind and era.',
                                       'recommendation': 'Coordinate responses to coercion and reduce '
                                                         "members' exposure to outside leverage.",
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Challenges to Strategic Military '
                                                             'Partnerships'},
                                       'key_terms': ['external influences']},
                                      {'id': 'resource_constraints',
                                       'name': 'Resource constraints',
                                       'weight': 2,
                                       'question': 'How much do budget limits and personnel shortages '
                                                   "constrain the partners' ability to deliver on the "
                                                   'partnership?',
                                       'rubric': {0: 'Negligible constraints; partners fund and staff '
                                                     'their commitments fully.',
                                                  1: 'Minor shortfalls in some areas, offset by other '
                                                     'partners or adjusted plans.',
                                                  2: 'Noticeable shortfalls, with missed spending '
                                                     'targets or capability gaps causing '
                                                     'burden-sharing disputes.',
                                                  3: 'Serious constraints, with cuts or shortages '
                                                     'forcing cancellation of exercises, deployments '
                                                     'or programmes.',
                                                  4: 'Severe constraints that leave members unable to '
                                                     'meet core commitments, threatening the '
                                                     "partnership's function."},
                                       'applicability': 'Applies to every kind and era.',
                                       'recommendation': 'Agree realistic spending and capability '
                                                         'targets, pool resources and prioritise '
                                                         'shared programmes.',
                                       'source': {'file': '000_3a9c782b11395cf3.txt',
                                                  'section': 'Challenges to Strategic Military '
                                                             'Partnerships'},
                                       'key_terms': ['resource constraints']}]}]}
    ),
    'treaty-design.yaml': (
        'f1730b8ed7a4af096d323528ea070de459d8a3d1d85e98de49461c6dfa2f6151',
        {'name': 'treaty-design',
         'version': '1.0',
         'title': 'Design of military partnership treaties',
         'documents': [{'file': '000_3a9c782b11395cf3.txt', 'title': 'Strategic military partnerships'},
                       {'file': '003_ce45e560b9abc269.txt',
                        'title': 'Military partnership formations'}],
         'bands': [{'name': 'integrated', 'min': 60},
                   {'name': 'institutionalised', 'min': 40},
                   {'name': 'committed', 'min': 25},
                   {'name': 'declaratory', 'min': 0}],
         'criteria': [{'id': 'obligations',
                       'name': 'Obligations',
                       'description': 'What the members bind themselves to do for one another and in '
                                      'what form: the strongest support they promise, whether they '
                                      'must consult in a crisis, and how formal and public the '
                                      'agreement is.',
                       'direction': 'benefit',
                       'weight': 25,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Components and Structure of Military Partnership '
                                             'Formations'},
                       'indicators': [{'id': 'military_support',
                                       'name': 'Promised military support',
                                       'weight': 3,
                                       'question': 'What is the strongest support the text obliges the '
                                                   'members to give one another in a war or if one of '
                                                   'them is attacked?',
                                       'rubric': {0: 'No obligation of support, neutrality or '
                                                     'consultation: a declaration of friendship or '
                                                     'intent only.',
                                                  1: 'An obligation to consult only, with no promise '
                                                     'about what the members will or will not do in a '
                                                     'war.',
                                                  2: 'Passive obligations only: to stay neutral if a '
                                                     'member is at war, or not to attack one another '
                                                     '(neutrality or non-aggression).',
                                                  3: 'Active military support in named contingencies '
                                                     'other than an attack on a member (an offence '
                                                     'obligation, e.g. joint action against a third '
                                                     'state), with no promise to defend the members.',
                                                  4: 'A defence obligation: each member is to come to '
                                                     'the aid of a member that is attacked, with or '
                                                     'without other obligations.'},
                                       'recommendation': 'State the support owed in a war plainly; a '
                                                         'partnership meant to deter needs a defence '
                                                         'obligation, not only consultation or '
                                                         'neutrality.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Types of Military Partnership '
                                                             'Formations'}},
                                      {'id': 'crisis_consultation',
                                       'name': 'Consultation in a crisis',
                                       'weight': 2,
                                       'question': 'Does the text oblige the members to consult one '
                                                   'another when one of them is threatened, and '
                                                   'through what?',
                                       'rubric': {0: 'The text makes no provision for consultation '
                                                     'between the members.',
                                                  1: 'Consultation is mentioned as possible or '
                                                     'desirable, without an obligation to consult.',
                                                  2: 'An obligation to consult on the matters of the '
                                                     'treaty in general (e.g. at set intervals), not '
                                                     'tied to a threat or crisis.',
                                                  3: 'An obligation to consult when the security of a '
                                                     'member is threatened or attacked, or whenever a '
                                                     'member asks.',
                                                  4: 'An obligation to consult in a crisis through a '
                                                     'standing body or fixed procedure that the text '
                                                     'sets up (a council able to meet at once, time '
                                                     'limits or set steps).'},
                                       'recommendation': 'Provide for consultation whenever a member '
                                                         'considers itself threatened, and name the '
                                                         'body or procedure through which the members '
                                                         'consult.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}},
                                      {'id': 'treaty_form',
                                       'name': 'Form of the agreement',
                                       'weight': 2,
                                       'question': 'How formal and how public is the agreement that '
                                                   'sets out the obligations?',
                                       'rubric': {0: 'No written agreement: an understanding or a '
                                                     'practice only.',
                                                  1: 'A secret agreement, of whatever form, whose '
                                                     'existence or terms are kept from outsiders.',
                                                  2: 'A written agreement short of a formal treaty (an '
                                                     'exchange of notes, a joint declaration, an '
                                                     'executive agreement or a memorandum of '
                                                     'understanding).',
                                                  3: 'A formal treaty with secret provisions (articles '
                                                     'or protocols kept from the public).',
                                                  4: 'A public formal treaty: signed and brought into '
                                                     "force by the members' treaty procedures, its "
                                                     'whole text published.'},
                                       'recommendation': 'Set the obligations out in a public treaty, '
                                                         "so that members' publics and outside states "
                                                         'can see and rely on them.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}}]},
                      {'id': 'military_integration',
                       'name': 'Military integration',
                       'description': "How far the text joins the members' forces together: a command "
                                      "they share or forces placed under another's command, "
                                      'coordination and common defence policy in peacetime, forces '
                                      "based on one another's territory, and the contributions each "
                                      'member owes.',
                       'direction': 'benefit',
                       'weight': 30,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Components and Structure of Military Partnership '
                                             'Formations'},
                       'indicators': [{'id': 'integrated_command',
                                       'name': 'Integrated command',
                                       'weight': 3,
                                       'question': 'What command arrangements does the text establish '
                                                   "for the members' forces?",
                                       'rubric': {0: 'Nothing on command: each member commands its own '
                                                     'forces and the text is silent on the matter.',
                                                  1: 'Coordination between national commands only '
                                                     '(liaison officers, staff links), each member '
                                                     'keeping command of its forces.',
                                                  2: 'Command of combined operations to be agreed case '
                                                     'by case when war comes, or a commander named for '
                                                     'one operation, with no forces assigned in '
                                                     'advance.',
                                                  3: 'Forces placed, in war, under a common command or '
                                                     'under the command of one member (subordination '
                                                     'of forces).',
                                                  4: 'An integrated command in peace and war: a '
                                                     'standing joint command with authority over the '
                                                     'forces assigned to it.'},
                                       'recommendation': 'Provide for a joint command, or at least for '
                                                         'placing forces under a common command in '
                                                         'war, with the forces and authority it would '
                                                         'have.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}},
                                      {'id': 'defence_coordination',
                                       'name': 'Peacetime coordination and common defence policy',
                                       'weight': 2,
                                       'question': 'What does the text provide for coordinating the '
                                                   "members' armed forces in peacetime: staff "
                                                   'contacts, liaison, joint planning, a common '
                                                   'defence policy?',
                                       'rubric': {0: 'No military contact between the members is '
                                                     'provided for.',
                                                  1: 'Military contact of a limited kind: talks '
                                                     'between staffs when a need arises or only in '
                                                     'war, with no regular peacetime contact.',
                                                  2: 'Regular peacetime military contact: staff talks, '
                                                     'exchanges of liaison officers or military '
                                                     'missions, joint exercises or training.',
                                                  3: 'Regular peacetime contact with joint planning '
                                                     'for named contingencies, short of a common '
                                                     'defence policy.',
                                                  4: 'A common defence policy: the members coordinate '
                                                     'their doctrine, training, procurement and '
                                                     'planning.'},
                                       'recommendation': 'Provide for regular staff contact and joint '
                                                         'planning, and for coordinating doctrine, '
                                                         'training and procurement where the members '
                                                         'mean to fight together.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}},
                                      {'id': 'forward_presence',
                                       'name': 'Bases and stationed forces',
                                       'weight': 2,
                                       'question': "Does the text provide for one member's forces or "
                                                   "bases on another member's territory?",
                                       'rubric': {0: "No provision for one member's forces or bases on "
                                                     "another's territory.",
                                                  1: 'Access only: transit, overflight or port visits, '
                                                     'with no forces stationed.',
                                                  2: 'Use of bases or facilities in war or in a crisis '
                                                     'only.',
                                                  3: 'Bases or troops of one member on another '
                                                     "member's territory in peacetime.",
                                                  4: "Stationing of several members' forces on one "
                                                     "another's territory (reciprocal or "
                                                     'multinational), with its terms set out (status '
                                                     'of forces, command, costs).'},
                                       'recommendation': 'Where forward defence is intended, provide '
                                                         'for stationed forces or bases and set out '
                                                         'their legal status.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Legal and sovereignty concerns'}},
                                      {'id': 'specified_contributions',
                                       'name': 'Specified contributions',
                                       'weight': 1,
                                       'question': 'Does the text say what forces, money or other '
                                                   'resources the members are to contribute?',
                                       'rubric': {0: 'Nothing on contributions: each member decides '
                                                     'what, if anything, it contributes.',
                                                  1: 'A general promise to contribute ("all the means '
                                                     'in its power", "self-help and mutual aid") with '
                                                     'nothing specified.',
                                                  2: 'Contributions specified for one kind of resource '
                                                     'or for some members only, in general terms.',
                                                  3: 'The contributions of forces, money or other '
                                                     'resources are specified in the text or its '
                                                     'annexes.',
                                                  4: 'Contributions specified and tied to a standing '
                                                     'force or common budget, with a way to review or '
                                                     'enforce them.'},
                                       'recommendation': 'Specify what each member contributes '
                                                         '(forces, funds, facilities), or how the '
                                                         'contributions are to be agreed and reviewed.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}}]},
                      {'id': 'institutions',
                       'name': 'Institutions',
                       'description': 'The governance bodies the text creates to run the partnership, '
                                      'plan together and settle issues: regular meetings or a formal '
                                      'organisation, and a body with a military purpose.',
                       'direction': 'benefit',
                       'weight': 20,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Components and Structure of Military Partnership '
                                             'Formations'},
                       'indicators': [{'id': 'formal_organisation',
                                       'name': 'Formal organisation',
                                       'weight': 3,
                                       'question': 'What standing bodies does the text create to '
                                                   'oversee the partnership?',
                                       'rubric': {0: 'No body and no regular meetings are provided '
                                                     'for.',
                                                  1: 'Future meetings or cooperation are mentioned, '
                                                     'without saying who meets, when or with what '
                                                     'mandate.',
                                                  2: 'Meetings of named officials (ministers, chiefs '
                                                     'of staff) are provided for, but no standing body '
                                                     'is created.',
                                                  3: 'A formal organisation: a named council, '
                                                     'commission or committee with a set membership '
                                                     'and a mandate.',
                                                  4: 'A developed formal organisation: a council with '
                                                     'subsidiary bodies and a permanent secretariat or '
                                                     'staff of its own.'},
                                       'recommendation': 'Create a standing council with a clear '
                                                         'mandate and the subsidiary bodies and staff '
                                                         'it needs to oversee the partnership.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}},
                                      {'id': 'military_body',
                                       'name': 'Military body',
                                       'weight': 2,
                                       'question': 'Does the text create a body with a military '
                                                   'purpose, such as a defence committee, a military '
                                                   'committee or a joint staff?',
                                       'rubric': {0: 'The text creates no body at all.',
                                                  1: 'The text creates only bodies without a military '
                                                     'purpose (political, economic or other).',
                                                  2: 'A body that is to take up military questions '
                                                     'only when a crisis or war comes (e.g. a war '
                                                     'council to be convened).',
                                                  3: 'A standing body with a military purpose: a '
                                                     'defence committee, military committee, defence '
                                                     'council or joint staff.',
                                                  4: 'A developed military organisation: a standing '
                                                     'military body with its own permanent staff, at '
                                                     'the most developed form of organisation.'},
                                       'recommendation': 'Create a standing military body to plan and '
                                                         "coordinate the members' defence, with staff "
                                                         'of its own.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Components and Structure of Military '
                                                             'Partnership Formations'}}]},
                      {'id': 'material_support',
                       'name': 'Material support',
                       'description': 'What the members promise one another to build their forces: '
                                      'military aid, training and the transfer of military technology, '
                                      'and cooperation in procurement, as in defence cooperation '
                                      'agreements.',
                       'direction': 'benefit',
                       'weight': 15,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Types of Military Partnership Formations'},
                       'indicators': [{'id': 'military_aid',
                                       'name': 'Military aid',
                                       'weight': 3,
                                       'question': 'What military aid does the text oblige one member '
                                                   'to give another?',
                                       'rubric': {0: 'No military aid is provided for.',
                                                  1: 'A general promise of military aid or assistance, '
                                                     'with nothing specified.',
                                                  2: 'Specified material aid short of training or '
                                                     'technology, such as grants or loans for defence.',
                                                  3: 'Military aid that includes training or the '
                                                     'transfer of military technology.',
                                                  4: 'A full programme of military assistance: '
                                                     'material aid together with training and '
                                                     'technology transfer.'},
                                       'recommendation': 'Specify the military aid to be given, '
                                                         'including training and technology where the '
                                                         "members' capabilities differ.",
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Types of Military Partnership '
                                                             'Formations'}},
                                      {'id': 'training_technology',
                                       'name': 'Training, technology and procurement',
                                       'weight': 2,
                                       'question': 'Does the text provide for military training, the '
                                                   'transfer of military technology or cooperation in '
                                                   'procurement?',
                                       'rubric': {0: 'None of these is provided for.',
                                                  1: 'Cooperation in these fields is mentioned as '
                                                     'desirable, without an undertaking.',
                                                  2: 'An undertaking to cooperate in one of these '
                                                     'fields in general terms.',
                                                  3: 'Training or technology transfer provided for as '
                                                     'military aid, or training and procurement '
                                                     'coordinated under a common defence policy.',
                                                  4: 'Both: training or technology transfer as aid, '
                                                     'and training and procurement coordinated under a '
                                                     'common defence policy.'},
                                       'recommendation': 'Provide for training and technology sharing, '
                                                         'and for coordinating procurement, so that '
                                                         "the members' forces can operate together.",
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Promoting interoperability and '
                                                             'capability development'}}]},
                      {'id': 'obligation_limits',
                       'name': 'Conditions and asymmetry',
                       'description': 'How far the obligations are limited by conditions in the text '
                                      'or differ between the members, which leaves room to hold back '
                                      'when they are called on and is a source of divergence. Higher '
                                      'ratings mean more limits.',
                       'direction': 'risk',
                       'weight': 10,
                       'source': {'file': '003_ce45e560b9abc269.txt',
                                  'section': 'Challenges and Limitations of Military Partnership '
                                             'Formations'},
                       'indicators': [{'id': 'conditions',
                                       'name': 'Conditions on the obligations',
                                       'weight': 3,
                                       'question': 'How far do conditions in the text limit when or '
                                                   'how the obligations apply?',
                                       'rubric': {0: 'The obligations apply whatever the place, the '
                                                     'attacker or the circumstances, and the text '
                                                     'leaves no choice about whether or how to act.',
                                                  1: 'One limit only: the obligations cover a named '
                                                     "area (the members' territory or a treaty area).",
                                                  2: 'Obligations limited by place or by the kind of '
                                                     'attack, or leaving each member to choose the '
                                                     'means ("such action as it deems necessary"), '
                                                     'while the obligation to act stands.',
                                                  3: 'Obligations conditional on circumstances beyond '
                                                     'place: a named attacker, an unprovoked attack, a '
                                                     'prior attempt at settlement, or the other '
                                                     "members' compliance.",
                                                  4: 'Obligations each member may decline: they apply '
                                                     'only after a further joint decision, or when the '
                                                     'member itself judges that the case has arisen.'},
                                       'recommendation': 'Keep conditions few and precise, so that '
                                                         'members and adversaries know when the '
                                                         'obligation applies.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Political and strategic divergences'}},
                                      {'id': 'asymmetry',
                                       'name': 'Asymmetric obligations',
                                       'weight': 2,
                                       'question': 'Do the obligations differ between the members?',
                                       'rubric': {0: 'Every member has the same obligations.',
                                                  1: 'Minor differences, such as in the area each '
                                                     "member's obligation covers.",
                                                  2: 'Some obligations differ between the members.',
                                                  3: 'The main obligation is one-sided: one member '
                                                     'guarantees another that promises nothing '
                                                     'comparable in return (a guarantee rather than an '
                                                     'alliance).',
                                                  4: "One member's obligations amount to subordination "
                                                     'to another, which controls its foreign or '
                                                     'defence policy (a protectorate).'},
                                       'recommendation': 'Balance the obligations, or set out what '
                                                         'each member gains from different ones, to '
                                                         'limit burden-sharing disputes.',
                                       'source': {'file': '003_ce45e560b9abc269.txt',
                                                  'section': 'Political and strategic divergences'}}]}]}
    ),
}
