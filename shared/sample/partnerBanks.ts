/**
 * Phrase banks for what partners write in their own rooms: contribution statements, general statements of
 * support and notes on gaps. Slots: {partner} the writing partner, {short} its short name, {topic} the
 * outcome's topic, {outcome} the outcome's title, plus the place slots of prose.ts.
 */
import type { PartnerKind } from '../reference';

/** How each kind of partner describes its part in an outcome. */
export const ROLE_BY_KIND: Readonly<Record<PartnerKind, readonly string[]>> = {
  council: [
    'As the largest public sector employer in {area}, the council brings its education, social work, housing, planning and leisure services to bear on {topic}.',
    "The council's contribution to {topic} runs through almost every one of its services, from schools and social work to roads, housing and environmental health.",
    'The council leads on {topic} through its service plans, and its elected members have made this outcome one of the priorities of the corporate plan.',
    'The council will use its statutory duties, its spending on services and its role as a place-maker to drive progress on {topic}.',
    "Much of the council's existing budget already supports {topic}; the challenge is to shift that spending further towards early intervention.",
  ],
  'health-board': [
    '{short} contributes to {topic} through its acute, primary care and public health services, and through its health improvement programmes in the communities that need them most.',
    'Health services see the consequences when {topic} goes wrong; {short} is committed to acting earlier, in partnership, to prevent that harm.',
    "{short}'s Local Delivery Plan and its HEAT targets are aligned with this outcome, so that what the board is measured on nationally supports what the partnership wants locally.",
    "The board's public health department provides much of the evidence behind this outcome and will lead the analysis of progress on {topic}.",
    'Through its community health partnership, {short} works closely with the council on {topic}, and will do so increasingly as health and social care are integrated.',
  ],
  police: [
    "Police Scotland's local policing plan for {area} is built around the priorities of this SOA, and local officers will contribute to {topic} in every ward.",
    'Policing in {area} is moving from response to prevention; our contribution to {topic} reflects that shift.',
    "The local commander is accountable to the council's police scrutiny committee for the police contribution to {topic}.",
    'Officers see every day the link between {topic} and the calls for service they attend, which is why the police are committed to working upstream with partners.',
    'Police Scotland brings intelligence, analysis and visible local officers to this outcome, and shares data with partners to target action on {topic}.',
  ],
  'fire-and-rescue': [
    "The Scottish Fire and Rescue Service's local fire and rescue plan for {area} links each of its priorities to this SOA, including {topic}.",
    "The fire and rescue service's contribution to {topic} is largely preventative: home fire safety visits, youth engagement and community safety education.",
    'Firefighters are trusted in the community and visit homes that other services rarely reach, which makes the service a valuable partner on {topic}.',
    "The service's community safety advocates work alongside partners in the localities, and will target their work on {topic} at the households most at risk.",
    "The local senior officer reports on the fire and rescue plan to the council's scrutiny committee, including progress on {topic}.",
  ],
  'third-sector-interface': [
    'The third sector interface represents more than {big} voluntary organisations, social enterprises and community groups, many of which work directly on {topic}.',
    "Voluntary organisations reach people that statutory services find hard to reach, and they are central to the partnership's work on {topic}.",
    'The third sector interface will make sure that the voice of community and voluntary organisations is heard in planning and delivering {topic}.',
    'Much of the preventative work on {topic} in {area} is already delivered by the third sector, often on short-term funding that this SOA should help to stabilise.',
    'As a member of the partnership board and each thematic group, the third sector interface contributes both delivery and challenge on {topic}.',
  ],
  'enterprise-agency': [
    'Scottish Enterprise focuses its support on companies and sectors with the greatest growth potential, and on the infrastructure that growth needs; that is its contribution to {topic}.',
    "The enterprise agency's account management, innovation and internationalisation support contributes directly to {topic} in {area}.",
    'The enterprise agency will align its regional operating plan with this SOA, so that its investment in {area} supports {topic}.',
  ],
  'skills-body': [
    "Skills Development Scotland's careers information, advice and guidance service and its Modern Apprenticeship programme contribute directly to {topic}.",
    'SDS staff work in every secondary school in {area} and in the local careers centres, supporting young people and adults into work and learning.',
    'Skills Development Scotland will use the regional skills assessment to help partners match their work on {topic} to the needs of employers.',
  ],
  college: [
    'The college is the main provider of further education in {area}, with around {big} full-time equivalent students, and contributes to {topic} through its curriculum and partnerships.',
    'Through its regional outcome agreement with the Scottish Funding Council, the college has committed to outcomes that support {topic}.',
    'The college works with every secondary school and with local employers, and sees its contribution to {topic} as part of its civic role.',
  ],
  'integration-joint-board': [
    'The health and social care partnership brings together community health and adult social care budgets, and will direct them towards {topic}.',
    "Once the integration legislation is in force, the partnership's strategic plan will be built on this SOA, so that integrated services contribute directly to {topic}.",
    'Working in shadow form ahead of the legislation, the health and social care partnership is already planning its localities around {topic}.',
  ],
  'transport-partnership': [
    'The regional transport partnership contributes to {topic} through its regional transport strategy.',
  ],
  'community-justice-authority': [
    'The Community Justice Authority coordinates offender services across the area and contributes to {topic}.',
  ],
  other: ['This partner contributes to {topic} through its own services.'],
};

export const CURRENT_WORK = [
  'Our work on {topic} is currently spread across several teams, and this SOA is an opportunity to bring it together around clear outcomes.',
  'Around {pct3} of the people our services see in connection with {topic} live in the 20% most deprived datazones.',
  'The services {short} provides for {topic} were reviewed in {year}, and the review recommended stronger links with partners in the localities.',
  'Staff working on {topic} in {town} report that the most complex cases increasingly involve several agencies at once.',
  'We already run a number of services that support this outcome, but too many of them were designed separately and are funded year to year.',
  'Over the last three years our work on {topic} has concentrated on the communities where need is greatest, particularly {hood}.',
  'In {year} we reviewed our services against the strategic assessment and found that we were spending most of our effort on crisis rather than prevention.',
  'Our staff in {town} and {town2} already work from shared premises with partners, and this has made joint working on {topic} easier.',
  'Feedback from service users tells us that they value continuity: seeing the same worker, and not having to tell their story again.',
  'We have tested new approaches through small pilots, including one in {hood} that reduced repeat referrals by around {pct2}.',
  'Demand for our services related to {topic} has grown by around {pct2} since {yearEarly}, at a time when budgets have fallen in real terms.',
  'Our workforce includes around {n2} staff whose work contributes directly to this outcome.',
  "We hold data on {topic} that partners have not always been able to use, and we have agreed to share it through the partnership's information sharing protocol.",
  'The introduction of new national legislation and guidance means that our approach to {topic} is changing in any case, and this SOA gives that change a local direction.',
  'We have listened to what people told the partnership during the engagement on this SOA, and have changed our plans as a result.',
  'Some of what we do is not visible in service statistics: the advice given informally, the referral made early, the problem noticed before it grew.',
];

/** What the partner learned under the previous SOA. */
export const LEARNING = [
  'Under the previous agreement, our work on {topic} was measured mainly by activity; this time we have chosen indicators that show whether lives are changing.',
  'The evaluation of our {year} pilot in {hood} found that people engaged best when services came to them, in familiar places and at times that suited them.',
  'We learned from the previous SOA that short-term projects, however successful, rarely survived the end of their funding; we will build what works into mainstream services.',
  'Staff told us that joint training with other partners did more to change practice than any protocol, and we will continue it.',
  'Our experience in {town2} showed that sharing a building is not the same as working as one team; joint management and shared goals matter more.',
  'The self-assessment we carried out in {year} identified data sharing and joint planning as our weakest areas, and both are addressed in this contribution.',
  'Where we have involved service users in designing services, uptake has risen, and we will do this for every significant change to our work on {topic}.',
  'A review of complaints and compliments in {year} showed that people most value being treated with respect and not being passed between services.',
  'Evidence from elsewhere in Scotland, particularly the early years and reshaping care collaboratives, has shaped what we propose here.',
  'Our data shows that a small number of households account for a large share of demand related to {topic}, and that many are known to several partners at once.',
];

/** Short case studies about how partners work, as SOAs print in boxes beside a contribution; fit any outcome. */
export const CASE_STUDIES = [
  'In {year}, staff from {short} and two other partners tested a shared duty rota in {town2}. Referrals that had taken up to three weeks to reach the right service were dealt with in two days, and the test is now being extended.',
  'A community group in {hood} approached us with an idea for a weekly drop-in. With a small grant and a member of staff for one afternoon a week, it now sees around {n2} people a month, many of whom had not been in touch with any service before.',
  'Our staff noticed that many of the households using one service in {town} were also known to two or three others. A monthly joint meeting now agrees a single plan for each household, and repeat referrals have fallen.',
  'A joint review of {topic} in {town2} in {year} brought together front-line staff from four partners for two days. They found {n} points where people were passed between services, and have since removed most of them.',
  'In {year}, partners in {town} pooled a small budget to test a single front door for advice. In its first six months it dealt with {big} enquiries, and nine in ten people were helped at the first contact.',
  'A secondment between {short} and the third sector interface in {year} helped a small charity in {hood} rewrite its service around what its users said they needed. Its waiting list has since halved.',
  'Partners mapped every service working on {topic} in {hood} on one wall chart in {year}. The exercise showed {n} services with overlapping aims, three of which have since merged into one team.',
  'Young people from {hood} were trained as peer researchers in {year} and interviewed more than {n2} of their neighbours about {topic}. Their report changed the priorities in this chapter.',
];

/** Case studies about people, by theme key. The person is named by an initial only, as published SOAs do. */
export const PEOPLE_CASE_STUDIES: Readonly<Record<string, readonly string[]>> = {
  economy: [
    'A couple in {town} wanted to turn a hobby into a business. Business Gateway advice, a small start-up grant and a mentor from a local firm helped them open a shop on the high street in {year}; they now employ three people.',
  ],
  employment: [
    'Mrs A, a resident of {hood}, was referred to the employability pipeline by her GP after a long period out of work. Instead of three separate assessments, a single key worker agreed a plan with her, arranged a work placement and helped her into a permanent part-time job within six months.',
  ],
  'early-years': [
    'A young mother in {hood} told the engagement event that she had stopped asking for help because she was tired of repeating her story. A named health visitor and a place at the family centre have since made the difference, and her comments shaped our commitment to a single point of contact for families.',
  ],
  safer: [
    'When the {town2} area saw a rise in antisocial behaviour in {year}, partners met within a week, shared what they knew and agreed a joint plan of diversionary activity and visible patrols. Incidents fell by {pct2} over the following quarter, and residents reported feeling safer.',
  ],
  health: [
    'Mr B, in his fifties, had not seen his GP for years. A Keep Well health check at a community venue in {hood} found high blood pressure; with support to stop smoking and join a health walk group, he has lost weight and his blood pressure is now controlled.',
  ],
  'older-people': [
    'Mr D is in his seventies and lives alone outside {town}. After a fall, a home visit arranged through partners identified several risks. Adaptations, a community alarm and a befriender mean he has had no further admission to hospital in the eighteen months since.',
  ],
  communities: [
    'Residents of {hood} formed a development trust in {year} to take over their community hall. With support from the third sector interface and an asset transfer from the council, the hall now hosts a lunch club, a youth group and a weekly advice surgery.',
  ],
  environment: [
    'A community group in {town2} set up a food waste and composting scheme with a small grant in {year}. It now collects from {n2} households, and its volunteers have gone on to run litter picks along the river.',
  ],
};

export const PARTNERSHIP = [
  'Our work on {topic} is planned jointly through the {thematic}, where we hold one of the vice-chair roles.',
  'Partners have agreed a shared set of priorities for {topic}, and we have changed the focus of our own plans to match them.',
  'We will take part in joint inspections and self-evaluation of services for {topic}, and act on the findings together.',
  'On {topic}, we will second staff to joint teams where that brings services closer to the people who use them.',
  'We will work through the {thematic} to plan and review this work jointly, so that our resources are aligned with those of other partners.',
  'Joint tasking with partners in each locality will make sure that the right service reaches the right person at the right time.',
  'We will share premises, data and training with partners wherever that improves outcomes and reduces duplication.',
  'Where another partner is better placed to act, we will say so and support them, rather than duplicating effort.',
  'We will contribute staff time to the multi-agency groups that oversee this outcome and will take our share of the actions they agree.',
  'Our officers will attend the local partnership forums in {town} and {town2} and report back on progress.',
  'We will use a single assessment and shared referral routes with partners, so that people do not have to repeat their story.',
  'We will pool budgets with partners where doing so clearly improves outcomes, beginning with a small joint fund in {year2}.',
  "We will involve the people who use our services in reviewing what we do, through the user panels and the citizens' panel.",
  'The third sector will be involved in the design of new services from the start, not only invited to bid for contracts once they are designed.',
];

export const PREVENTION = [
  'On {topic}, prevention means reaching people earlier: we will move staff time from responding to crises towards identifying risk and offering help before it escalates.',
  'The preventative commitments below represent a real shift for {short}, and we will protect them from in-year savings wherever possible.',
  'We expect the preventative work on {topic} to reduce demand on our own specialist services within five years, and we will reinvest the capacity released.',
  'Our prevention work on {topic} will be targeted at the neighbourhoods with the highest risk, using shared data to identify them.',
  'We will shift resources progressively from crisis response to prevention and early intervention, and will report each year on the proportion of our spend that is preventative.',
  'Early intervention is not an extra: it is how we intend to manage rising demand within falling budgets.',
  'The preventative work we describe here is designed to reduce future demand on acute and crisis services, and we will track whether it does.',
  "We recognise that the benefits of prevention often fall to other partners, which is why we support the partnership's approach of sharing both the costs and the credit.",
  'Some of our preventative work will take years to show results in the indicators; in the meantime we will use shorter-term process measures to check that it is on track.',
  'Where we stop doing something in order to invest in prevention, we will explain the decision to the people affected.',
  'Our investment in prevention includes staff time as well as money, and we have included both in our commitments.',
];

export const MEASURE = [
  'Progress on {topic} will be reported to the {thematic} quarterly, using the indicators in this chapter and our own service measures.',
  'We will publish what we have learned about {topic}, including what did not work, so that other partners can benefit.',
  'Each of our commitments on {topic} has a named lead officer, and progress on them will be reported to our senior management team every quarter.',
  'We will report progress against the indicators for this outcome to the partnership every six months, and publicly once a year.',
  'Our contribution will be measured by the indicators in this chapter and by our own performance measures, which are published in our annual report.',
  'We will use improvement methods, testing changes on a small scale and measuring their effect before spreading them.',
  'We will review our commitments each year and change them where the evidence shows they are not working.',
  'Progress will be scrutinised by our own board as well as by the partnership, so that there is a clear line of accountability.',
  'The performance management system will let partners see our progress alongside their own in one place.',
  'We will disaggregate our data by locality and by SIMD quintile, so that the partnership can see whether gaps are closing.',
];

export const CHALLENGES = [
  'The biggest risk to progress on {topic} is that partners retreat into their own priorities as budgets tighten; we are committed to resisting that.',
  'Rising demand linked to {topic} may outpace what our commitments can achieve, and we will raise this with partners early if it does.',
  "Some of the changes we want on {topic} depend on national decisions that are outside the partnership's control.",
  'The main risk to this contribution is financial: our budget will fall in real terms in each of the next three years.',
  'Recruiting and retaining staff in the rural parts of {area} remains difficult, and some of our commitments depend on filling posts.',
  'Welfare reform is likely to increase demand for our services in ways that are hard to predict.',
  'Some of our data is not yet available at a small enough geography to show change in individual communities.',
  'Organisational change, including the creation of new national bodies, will take management time over the first year of this SOA.',
  'Our commitments assume that funding from the Scottish Government continues at its current level, which has not yet been confirmed beyond {year2}.',
];

export const BULLET_INTROS = [
  'Over the next three years we will:',
  'Our priorities for this outcome are to:',
  'In particular, we will:',
  'Specifically, we will:',
  'Between 2013 and 2016 we will:',
  'Working with partners, we will:',
];

/** Short actions for bullet lists inside contribution statements (distinct from the costed commitments). */
export const GENERIC_BULLETS = [
  'target our work at the communities and groups with the poorest outcomes, starting with {hood}',
  'train our frontline staff to recognise early signs of need and to refer on to partners',
  'share information with partners within the agreed protocol, so that risks are spotted early',
  'involve service users in redesigning the services that contribute to {topic}',
  'align our own plans and budgets with the priorities in this SOA',
  'publish our progress each year in plain language',
  'test new ways of working in {town2} before rolling them out across {area}',
  'make sure that our contribution reaches people in the rural communities as well as the towns',
  'work with the third sector to build community capacity around {topic}',
  'bring our services together with partners in the locality hubs at {town} and {town2}',
  'support our staff to volunteer in their communities',
  'use our buying power to support local businesses and social enterprises',
  'report the preventative share of our spend on this outcome each year',
  'carry out an equality impact assessment of each significant change',
];

export const STATEMENT = [
  '{short} has a long record of partnership working in {area}, and this agreement builds on it.',
  'The agreement has been discussed with our staff and their representatives, and we will keep them informed of progress.',
  'We are ready to share budgets, premises and staff with partners where that will improve outcomes for people in {area}.',
  "Our senior officers sit on the partnership's chief officers' group and on the thematic partnerships for the outcomes to which we contribute.",
  'We have reviewed our own strategic plan so that its priorities for {area} match the local outcomes in this agreement.',
  'Where our national priorities and the local outcomes pull in different directions, we will say so openly and work with partners to resolve it.',
  "We recognise the partnership's right to challenge us on our contribution, and we will challenge other partners in the same spirit.",
  'The resources we commit in this agreement have been approved by our senior management and are included in our financial plans.',
  '{partner} is committed to the {cpp} and to this Single Outcome Agreement, which sets out the shared priorities of all the partners for the next ten years.',
  "We support the partnership's focus on fewer, clearer outcomes and on prevention, and we have aligned our own plans with them.",
  'Our board considered the draft SOA at its last meeting and approved the contribution set out in it, subject to final endorsement before the agreement is due.',
  'We recognise that we will be held to account jointly with other partners for the outcomes in this agreement, on the principle of contribution rather than attribution.',
  "The commitments we make here are included in our own operational plans and will be monitored through our own performance framework as well as the partnership's.",
  'We will make available the data, staff time and expertise needed to deliver and report on the SOA.',
  "We welcome the Scottish Government's renewed emphasis on community planning and will play a full part in the partnership's work to strengthen it.",
  'Like all partners, we face reducing budgets and rising demand; we believe that working together is the only way to improve outcomes in these circumstances.',
  "We will contribute to the partnership's prevention plan and report each year on the shift of our resources towards prevention.",
  'Our staff have been closely involved in drafting the chapters to which we contribute, and their knowledge of local communities runs through them.',
  'We will ensure that the SOA is reflected in the objectives of our managers and teams in {area}.',
  'We are committed to engaging communities in the delivery of this agreement and to reporting progress to them honestly.',
];

/** A paragraph introducing each kind of partner, for its general statement. */
export const ABOUT_BY_KIND: Readonly<Record<PartnerKind, readonly string[]>> = {
  council: [
    'The council employs around {staff} staff and spends around £{budget} million a year on services in {area}, from schools and social work to roads, housing and leisure.',
    'The council is the largest partner in the CPP and provides its community planning team, which coordinates this agreement on behalf of all partners.',
  ],
  'health-board': [
    '{short} provides hospital, community and primary care services to the people of {area} and the neighbouring council areas, and leads public health for the region.',
    'The board works with {area} through its community health partnership, and is preparing to integrate adult health and social care with the council.',
  ],
  police: [
    'Police Scotland was established on 1 April 2013, bringing together the eight former police forces; a local commander is responsible for policing in {area}.',
    'The local policing plan for {area} is agreed with the council and sets out the priorities for local officers in each multi-member ward.',
  ],
  'fire-and-rescue': [
    'The Scottish Fire and Rescue Service was established on 1 April 2013; its local senior officer for {area} is responsible for the local fire and rescue plan.',
    'The service has {n} stations in {area}, most of them crewed by retained firefighters who live and work in their communities.',
  ],
  'third-sector-interface': [
    'The third sector interface brings together the volunteer centre, the council for voluntary service and the social enterprise network, and supports more than {big} organisations.',
    'The interface represents the third sector on the partnership board and each thematic partnership, and helps voluntary organisations take part in planning and delivering services.',
  ],
  'enterprise-agency': [
    'Scottish Enterprise is the national economic development agency, supporting companies and sectors with growth potential and investing in the infrastructure they need.',
  ],
  'skills-body': [
    'Skills Development Scotland is the national skills body, delivering careers guidance in schools and communities and funding Modern Apprenticeships.',
  ],
  college: [
    'The college serves around {big} students a year, from school-college partnerships to higher national qualifications, and works closely with local employers.',
  ],
  'integration-joint-board': [
    "The health and social care partnership brings together the council's adult social care services and the health board's community health services under one management team.",
  ],
  'transport-partnership': ['The regional transport partnership plans transport across the region.'],
  'community-justice-authority': [
    'The Community Justice Authority coordinates services for offenders across the area.',
  ],
  other: ['This organisation is a member of the partnership.'],
};

export const PARTNER_GAPS = [
  'Commitments to outcome {number} assume that the current change fund continues beyond March {year2}; if it does not, they will be reviewed.',
  'Our indicator links will be updated once the national targets for {year2}/{year3} are published.',
  'The lead officer for our contribution to outcome {number} is being recruited; the text will be reviewed once they are in post.',
  'Some timescales depend on the outcome of our own service review, which reports in {month}.',
  'Our figures do not yet include the staff time of volunteers, which we are still estimating.',
  'Resource figures for {year2}-{year3} are indicative until our budget is approved by the board in {month}.',
  'Our contribution to outcome {number} is still being discussed internally and will be completed before the final draft.',
  'Staffing figures are given as full-time equivalents for the current establishment; vacancies are not included.',
  'We have not yet agreed indicator links for the new local plan, which will be published after 1 April.',
  'Figures for preventative spend are our best estimate; a more detailed analysis is being carried out with the finance team.',
  'Some commitments depend on external funding bids that will be decided in the summer.',
];

export const CONTRIBUTION_GAPS = [
  'Resource figures to be confirmed when the {year2}/{year3} budget is set.',
  'Awaiting the outcome of a funding bid; commitments may change.',
  'The lead officer for this contribution is being recruited; the statement will be reviewed once they are in post.',
  'Timescales depend on the integration legislation and may be revised.',
  'Baseline data for our own measures is still being collected.',
];

/** Officers' positions by kind of partner, for sign-off. */
export const POSITIONS: Readonly<Record<PartnerKind, readonly string[]>> = {
  council: ['Chief Executive', 'Depute Chief Executive', 'Director of Corporate Services'],
  'health-board': ['Chief Executive', 'Director of Public Health', 'Director of Planning'],
  police: ['Divisional Commander', 'Local Area Commander', 'Chief Superintendent'],
  'fire-and-rescue': ['Local Senior Officer', 'Area Manager'],
  'third-sector-interface': ['Chief Officer', 'Chair', 'Manager'],
  'enterprise-agency': ['Regional Director', 'Head of Regional Operations'],
  'skills-body': ['Area Manager', 'Head of Operations'],
  college: ['Principal', 'Vice Principal'],
  'integration-joint-board': ['Chief Officer', 'Head of Health and Social Care'],
  'transport-partnership': ['Partnership Director'],
  'community-justice-authority': ['Chief Officer'],
  other: ['Chief Executive'],
};
